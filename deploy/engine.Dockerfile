# Reference image of the engine app (engine/): Operaton 1.0.3 on Spring Boot, Java 17.
# Not built by the project's scripts; build it in CI after `mvn -f engine/pom.xml -DskipTests package`
# (or `npm start` once, which builds engine/target/yingsu-engine.jar):
#   docker build -f deploy/engine.Dockerfile -t registry.example.gov.cn/yingsu/engine:1.0.0 .
# Production settings (database, heap, cookies, cluster) are NOT baked in: they come from the
# ConfigMap and Secret in deploy/kubernetes/ (docs/production.md, "Configuration").
FROM eclipse-temurin:17-jre

# an unprivileged user with a fixed id (the Deployment runs as 10001)
RUN groupadd --system --gid 10001 yingsu \
 && useradd --system --uid 10001 --gid yingsu --home-dir /app --shell /usr/sbin/nologin yingsu
WORKDIR /app
COPY --chown=10001:10001 engine/target/yingsu-engine.jar /app/yingsu-engine.jar

USER 10001
EXPOSE 8080
# The JVM reads JAVA_TOOL_OPTIONS itself (heap, GC, time zone): the Deployment sets it, so the
# image needs no shell wrapper. Secrets come as environment variables, never as arguments.
ENV JAVA_TOOL_OPTIONS="-Xms128m -Xmx384m -XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=192m -Duser.timezone=Asia/Shanghai -Dfile.encoding=UTF-8"
ENTRYPOINT ["java", "-jar", "/app/yingsu-engine.jar"]
