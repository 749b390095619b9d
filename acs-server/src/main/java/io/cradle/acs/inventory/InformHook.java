package io.cradle.acs.inventory;

import io.cradle.cwmp.message.ParameterValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Something that must be stored with an Inform, in the same transaction: what the device reported
 * is then never stored without its consequences (an alarm), nor the other way round.
 */
public interface InformHook {

  /**
   * Called inside the Inform's transaction after the device and its parameters are stored. Runs for
   * every session: it must cost next to nothing when the Inform says nothing it cares about.
   */
  void onInform(Connection c, long deviceId, List<ParameterValue> parameters, Instant now)
      throws SQLException;
}
