package io.cradle.cpe.sip.jain;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's log on {@code java.util.logging} (logger {@code gov.nist.javax.sip}), so the stack
 * needs no log4j. Honours the stack's {@code gov.nist.javax.sip.TRACE_LEVEL}: below it nothing is
 * even formatted.
 */
public final class JulStackLogger implements StackLogger {

  private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");
  private volatile int traceLevel = TRACE_ERROR;
  private volatile boolean enabled = true;

  @Override
  public void setStackProperties(Properties properties) {
    String level = properties.getProperty("gov.nist.javax.sip.TRACE_LEVEL", "").strip();
    try {
      traceLevel = Integer.parseInt(level);
    } catch (NumberFormatException e) {
      traceLevel = TRACE_ERROR;
    }
  }

  @Override
  public boolean isLoggingEnabled() {
    return enabled && traceLevel > TRACE_NONE;
  }

  @Override
  public boolean isLoggingEnabled(int level) {
    return enabled && level <= traceLevel && level > TRACE_NONE;
  }

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int level) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    if (isLoggingEnabled(TRACE_ERROR)) {
      LOG.log(Level.WARNING, "SIP stack exception", ex);
    }
  }

  @Override
  public void logDebug(String message) {
    if (isLoggingEnabled(TRACE_DEBUG)) {
      LOG.fine(message);
    }
  }

  @Override
  public void logDebug(String message, Exception ex) {
    if (isLoggingEnabled(TRACE_DEBUG)) {
      LOG.log(Level.FINE, message, ex);
    }
  }

  @Override
  public void logTrace(String message) {
    if (isLoggingEnabled(TRACE_TRACE)) {
      LOG.finest(message);
    }
  }

  @Override
  public void logFatalError(String message) {
    if (isLoggingEnabled(TRACE_FATAL)) {
      LOG.severe(message);
    }
  }

  @Override
  public void logError(String message) {
    if (isLoggingEnabled(TRACE_ERROR)) {
      LOG.warning(message);
    }
  }

  @Override
  public void logError(String message, Exception ex) {
    // JainSipHost.close() interrupts the stopped stack's event scanner, which reports it here.
    if (isLoggingEnabled(TRACE_ERROR) && !(ex instanceof InterruptedException)) {
      LOG.log(Level.WARNING, message, ex);
    }
  }

  @Override
  public void logWarning(String message) {
    if (isLoggingEnabled(TRACE_WARN)) {
      LOG.info(message);
    }
  }

  @Override
  public void logInfo(String message) {
    if (isLoggingEnabled(TRACE_INFO)) {
      LOG.fine(message);
    }
  }

  @Override
  public void disableLogging() {
    enabled = false;
  }

  @Override
  public void enableLogging() {
    enabled = true;
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
