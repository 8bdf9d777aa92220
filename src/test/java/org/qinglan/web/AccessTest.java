package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Every registered route refuses the signed-out and the wrong roles; this list grows with features. */
class AccessTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static List<RouteSpec> protectedRoutes() {
    List<RouteSpec> out = new ArrayList<>();
    for (RouteSpec spec : app.app().routes().specs()) {
      if (!spec.access().isPublic()) {
        out.add(spec);
      }
    }
    assertFalse(out.isEmpty());
    return out;
  }

  private static HttpResponse<String> call(Browser b, RouteSpec spec) {
    String method = spec.method().name();
    if (method.equals("GET")) {
      return b.get(spec.example());
    }
    if (spec.api()) {
      return b.json(method, spec.example(), method.equals("DELETE") ? null : "{}");
    }
    return b.post(spec.example(), Map.of());
  }

  @Test
  void signedOutVisitorsAreSentToSignInOrGet401() {
    Browser anonymous = app.browser();
    for (RouteSpec spec : protectedRoutes()) {
      HttpResponse<String> r = call(anonymous, spec);
      if (spec.api()) {
        assertEquals(401, r.statusCode(), spec.toString());
        assertTrue(r.body().contains("\"unauthenticated\""), spec + r.body());
      } else {
        assertEquals(302, r.statusCode(), spec.toString());
        assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login"), spec.toString());
      }
    }
  }

  @Test
  void everyRoleRestrictedRouteRefusesOtherRoles() {
    Map<Role, String> accountFor = Map.of(Role.WORKER, "worker", Role.TRAINER, "trainer", Role.JUDGE, "judge",
        Role.ORGANISER, "organiser", Role.ADMIN, "admin");
    int checked = 0;
    for (Map.Entry<Role, String> e : accountFor.entrySet()) {
      Browser b = app.signedInAs(e.getValue());
      b.get("/");
      for (RouteSpec spec : protectedRoutes()) {
        if (spec.access().roles().isEmpty() || spec.access().roles().contains(e.getKey())) {
          continue;
        }
        HttpResponse<String> r = call(b, spec);
        assertEquals(403, r.statusCode(), e.getValue() + " on " + spec);
        if (!spec.api()) {
          assertTrue(r.body().contains("没有权限"), r.body());
          assertFalse(r.body().contains("Exception"), "no stack traces in error pages");
        }
        checked++;
      }
    }
    assertTrue(checked > 20, "checked " + checked);
  }

  @Test
  void unknownPagesGetAChinese404() {
    HttpResponse<String> r = app.signedInAs("worker").get("/no/such/page");
    assertEquals(404, r.statusCode());
    assertTrue(r.body().contains("页面不存在"));
  }

  @Test
  void staticAssetsAreCached() {
    HttpResponse<String> r = app.browser().get("/static/app.css");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age=604800"),
        r.headers().map().toString());
  }
}
