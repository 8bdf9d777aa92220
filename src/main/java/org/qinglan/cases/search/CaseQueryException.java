package org.qinglan.cases.search;

/** A search the index cannot run as asked; the message is for the worker, in Chinese. */
public final class CaseQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  public CaseQueryException(String message) {
    super(message);
  }
}
