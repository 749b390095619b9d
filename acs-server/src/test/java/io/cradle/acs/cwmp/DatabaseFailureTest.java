package io.cradle.acs.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.TestCpe;
import io.cradle.acs.testing.TestCpe.Reply;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database failing under a session: the device is told to come back (503 + Retry-After), and
 * nothing it sent or was to receive is lost. The failure is real SQL, made by hiding a table.
 */
@QuarkusTest
class DatabaseFailureTest {

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @Inject AgroalDataSource dataSource;
  @Inject TaskQueue tasks;
  @Inject Clock clock;

  @Test
  void informDuringAnOutageIsRefusedWithRetryAfterAndAcceptedLater() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = "DBDOWN" + System.nanoTime() % 1_000_000;
    Reply refused;
    hide("device");
    try {
      refused = cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP)));
    } finally {
      restore("device");
    }
    assertEquals(503, refused.status());
    assertTrue(refused.http().headers().firstValue("Retry-After").isPresent());
    assertTrue(new String(refused.http().body()).contains("database unavailable"));

    Reply accepted = cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP)));
    assertInstanceOf(InformResponse.class, accepted.body());
    assertEquals(204, cpe.emptyPost().status());
    assertTrue(Device.findByKey("000B82-WP820-" + serial).isPresent());
  }

  @Test
  void anAnswerThatCannotBeStoredLeavesTheTaskToBeSentAgain() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = "DBMID" + System.nanoTime() % 1_000_000;
    cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP)));
    cpe.emptyPost();
    long deviceId = Device.findByKey("000B82-WP820-" + serial).orElseThrow().id;
    GetParameterValues gpv = new GetParameterValues(List.of("Device.DeviceInfo.UpTime"));
    Task task = tasks.enqueue(deviceId, gpv, TaskOptions.defaults(), clock.instant());

    cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC)));
    Reply sent = cpe.emptyPost();
    GetParameterValuesResponse answer =
        new GetParameterValuesResponse(
            List.of(ParameterValue.string("Device.DeviceInfo.UpTime", "77")));
    Reply refused;
    hide("task");
    try {
      refused = cpe.post(answer, sent.envelope().header().id());
    } finally {
      restore("task");
    }
    assertEquals(503, refused.status());

    cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC)));
    Reply again = cpe.emptyPost();
    assertEquals(gpv, again.body(), "the task was not lost");
    assertEquals(204, cpe.post(answer, again.envelope().header().id()).status());
    Task done = QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
    assertEquals(TaskStatus.DONE, done.status);
  }

  private void hide(String table) throws Exception {
    execute("alter table " + table + " rename to " + table + "_hidden");
  }

  private void restore(String table) throws Exception {
    execute("alter table " + table + "_hidden rename to " + table);
  }

  private void execute(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
