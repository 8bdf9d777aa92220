package org.qinglan.people;

import java.time.LocalDate;
import java.util.UUID;

/** A worker with their profile, as lists and detail pages show them. */
public record WorkerView(UUID id, String username, String mobile, String displayName, OrgUnit community,
                         String streetName, String postCategory, String postCategoryName, int grade,
                         LocalDate hireDate, String education, Qualification qualification, String certificateNo,
                         LocalDate certificateDate, boolean secretaryOrDirector, boolean reserveCadre,
                         boolean active) {

  public String qualificationLabel() {
    return qualification.label();
  }
}
