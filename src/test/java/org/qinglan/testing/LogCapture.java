package org.qinglan.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one class logs while a test runs (logback, the application's own logging). */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> of) {
    this(of.getName());
  }

  /** What the logger of this name logs (e.g. one of Vert.x's own). */
  public LogCapture(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages logged so far. */
  public List<String> messages() {
    // The appender adds under its own lock.
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** How many messages contain {@code text}. */
  public long count(String text) {
    return messages().stream().filter(m -> m.contains(text)).count();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
