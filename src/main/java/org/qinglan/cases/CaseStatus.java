package org.qinglan.cases;

/** Where a revision of a case stands (case_revision.status). */
public enum CaseStatus {
  DRAFT, SUBMITTED, RETURNED, PUBLISHED, SUPERSEDED;

  /** Whether the author may still change this revision in place (and add attachments to it). */
  public boolean editable() {
    return this == DRAFT || this == RETURNED;
  }
}
