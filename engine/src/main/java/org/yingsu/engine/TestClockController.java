package org.yingsu.engine;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test profile only (`--spring.profiles.active=test-clock`, set by the test harness, never in
 * production): the engine's clock, so a test can put "now" on a fixed date of its choosing. The
 * engine's notion of now (timer due dates, external-task locks, task creation times) follows it;
 * the job executor fires a timer once the clock has passed its due date. The clock keeps ticking
 * from the time set (an offset from the real clock): a frozen clock would never end a long poll.
 * DELETE returns to the real clock.
 */
@RestController
@Profile("test-clock")
@RequestMapping("/test-clock")
public class TestClockController {
  @GetMapping
  public Map<String, Object> now() {
    return body();
  }

  @PutMapping
  public ResponseEntity<Map<String, Object>> set(@RequestBody Map<String, String> request) {
    String time = request.get("time");
    if (time == null) return ResponseEntity.badRequest().body(Map.of("error", "time is required (ISO-8601 instant)"));
    ClockUtil.offset(Instant.parse(time).toEpochMilli() - System.currentTimeMillis());
    return ResponseEntity.ok(body());
  }

  @DeleteMapping
  public Map<String, Object> reset() {
    ClockUtil.reset();
    return body();
  }

  private static Map<String, Object> body() {
    Date now = ClockUtil.getCurrentTime();
    return Map.of("time", now.toInstant().toString(), "epochMilli", now.getTime());
  }
}
