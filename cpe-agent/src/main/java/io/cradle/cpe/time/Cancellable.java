package io.cradle.cpe.time;

/** A handle to a scheduled task, used to withdraw it before it runs. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Withdraws the task.
   *
   * @return true if this call prevented a run; false if the task already ran, is running, or was
   *     already cancelled
   */
  boolean cancel();
}
