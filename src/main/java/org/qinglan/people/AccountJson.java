package org.qinglan.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The one JSON shape of an account in the API (/api/v1/me and sign-in). */
public final class AccountJson {
  private AccountJson() {
  }

  public static JsonObject me(Account a) {
    JsonArray roles = new JsonArray();
    a.roles().forEach(r -> roles.add(r.name()));
    return new JsonObject()
        .put("id", a.id().toString())
        .put("username", a.username())
        .put("displayName", a.displayName())
        .put("roles", roles)
        .put("orgUnit", a.orgUnit() == null ? null : orgUnit(a.orgUnit()))
        .put("mustChangePassword", a.mustChangePassword());
  }

  public static JsonObject orgUnit(OrgUnit u) {
    return new JsonObject()
        .put("id", u.id().toString())
        .put("name", u.name())
        .put("level", u.level().name());
  }
}
