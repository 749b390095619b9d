package io.cradle.acs.inventory;

import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

/**
 * Something that must be stored with what a device reports, in the same transaction: what the
 * device reported is then never stored without its consequences (an alarm, a preset's tasks), nor
 * the other way round.
 */
public interface InformHook {

  /**
   * Called inside the Inform's transaction after the device and its parameters are stored. Runs for
   * every session: it must cost next to nothing when the Inform says nothing it cares about.
   *
   * @return whether it queued tasks that this session should run
   */
  boolean onInform(Connection c, long deviceId, Inform inform, Instant now) throws SQLException;

  /**
   * Called inside the transaction that stores values the device reported outside an Inform
   * (GetParameterValues answers), after they are stored.
   */
  default void onValues(Connection c, long deviceId, Collection<ParameterValue> values, Instant now)
      throws SQLException {}
}
