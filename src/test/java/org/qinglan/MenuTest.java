package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.web.Views;
import org.qinglan.web.Views.NavItem;

/** The application's menu as each role sees it (moved here from ViewsTest with the menu itself). */
class MenuTest {
  static Vertx vertx;
  static Views views;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    views = new Views(vertx, ZoneId.of("Asia/Shanghai"), Menu.links());
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void navigationDependsOnTheRole() {
    var worker = new org.qinglan.people.Account(java.util.UUID.randomUUID(), "w", null, "工", java.util.Set.of(
        org.qinglan.people.Role.WORKER), null, false, true);
    var admin = new org.qinglan.people.Account(java.util.UUID.randomUUID(), "a", null, "管", java.util.Set.of(
        org.qinglan.people.Role.ADMIN), null, false, true);
    assertEquals(List.of("/", "/courses", "/my/training", "/practice", "/mock-exams", "/competitions", "/cases",
        "/account"), views.navigation(worker).stream().map(NavItem::href).toList());
    assertTrue(views.navigation(admin).stream().anyMatch(n -> n.href().equals("/org-units")));
  }

  @Test
  void thePageBelongsToTheLinkThatClaimsItOrElseTheLongestPrefix() {
    var trainerAndOrganiser = new org.qinglan.people.Account(java.util.UUID.randomUUID(), "t", null, "讲", java.util.Set.of(
        org.qinglan.people.Role.TRAINER, org.qinglan.people.Role.ORGANISER), null, false, true);
    List<NavItem> nav = views.navigation(trainerAndOrganiser);
    assertEquals("/cases", Views.activeNav(nav, "/cases"));
    assertEquals("/cases", Views.activeNav(nav, "/cases/case-001"));
    assertEquals("/cases/review", Views.activeNav(nav, "/cases/review"));
    assertEquals("/cases/mine", Views.activeNav(nav, "/cases/mine"));
    assertEquals("/cases/mine", Views.activeNav(nav, "/cases/new"), "writing a case");
    assertEquals("/cases/mine", Views.activeNav(nav, "/cases/k-abcdefghjk/edit"));
    assertEquals("/", Views.activeNav(nav, "/"));
    assertEquals("", Views.activeNav(nav, "/login"));
  }

  @Test
  void aPendingPasswordChangeLeavesOnlyTheHomePage() {
    var forced = new org.qinglan.people.Account(java.util.UUID.randomUUID(), "w", null, "工", java.util.Set.of(
        org.qinglan.people.Role.WORKER), null, true, true);
    assertEquals(List.of("/"), views.navigation(forced).stream().map(NavItem::href).toList());
  }
}
