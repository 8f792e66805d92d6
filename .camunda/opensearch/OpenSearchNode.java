// A single OpenSearch node bound to loopback, for Camunda's secondary storage.
// Usage: java -cp 'classes:lib/*' OpenSearchNode <dataDir> <httpPort> <transportPort>
// The runner's own main() cannot set the bind host, the transport port or single-node discovery.
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class OpenSearchNode {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    String http = args[1];
    String transport = args[2];
    OpenSearchRunner runner = new OpenSearchRunner();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try { runner.close(); } catch (Exception e) { e.printStackTrace(); }
    }));
    runner.onBuild((i, s) -> {
      s.put("network.host", "127.0.0.1");
      s.put("http.port", http);
      s.put("transport.port", transport);
      s.put("discovery.type", "single-node");
      s.putList("discovery.seed_hosts");
      s.put("action.auto_create_index", "true");
      s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    });
    runner.build(OpenSearchRunner.newConfigs().basePath(base).numOfNode(1)
        .clusterName("yingsu").baseHttpPort(Integer.parseInt(http) - 1));
    runner.ensureYellow();
    System.out.println("OPENSEARCH READY http://127.0.0.1:" + http);
    Thread.currentThread().join();
  }
}
