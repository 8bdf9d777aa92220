package org.qinglan;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.qinglan.people.Account;
import org.qinglan.people.Role;
import org.qinglan.web.Access;
import org.qinglan.web.Views.NavItem;

/**
 * What each role sees of the application: the menu after the home page (each link shown to whom
 * its route admits) and the sections of the home page. Web knows no role; the roles are people's.
 */
final class Menu {
  private static final Access LEARNERS = Access.roles(Role.WORKER, Role.MENTOR);
  private static final Access ORGANISERS = Access.roles(Role.ORGANISER, Role.ADMIN);
  private static final Access STAFF = Access.roles(Role.TRAINER, Role.ORGANISER, Role.ADMIN);
  private static final Access WRITERS = Access.roles(Role.TRAINER, Role.ADMIN);
  private static final Access ADMINS = Access.roles(Role.ADMIN);

  private Menu() {
  }

  static List<NavItem> links() {
    return List.of(
        new NavItem("/courses", "培训课程", LEARNERS),
        new NavItem("/my/training", "我的培训", LEARNERS),
        new NavItem("/practice", "考试练习", LEARNERS),
        new NavItem("/mock-exams", "模拟考试", LEARNERS),
        new NavItem("/competitions", "技能比武", LEARNERS),
        new NavItem("/workers", "社区工作者", ORGANISERS),
        new NavItem("/training/compliance", "培训合规", ORGANISERS),
        new NavItem("/training/courses", "培训管理", STAFF),
        new NavItem("/training/reports", "实践任务审阅", STAFF),
        new NavItem("/cases/mine", "我的案例", Pattern.compile("/cases/(new|[^/]+/edit)"), WRITERS),
        new NavItem("/cases/review", "案例审核", ORGANISERS),
        new NavItem("/competitions/manage", "比赛管理",
            Pattern.compile("/competitions/(new|[^/]+/(manage|edit|nominations))"), ORGANISERS),
        new NavItem("/question-bank", "题库管理", WRITERS),
        new NavItem("/org-units", "组织架构", ADMINS),
        new NavItem("/accounts", "账号管理", ADMINS),
        new NavItem("/cases", "案例库", Access.signedIn()),
        new NavItem("/account", "我的账号", Pattern.compile("/password"), Access.signedIn()));
  }

  /** Which sections of the home page a person's roles open (the flags of web/home.ftlh). */
  public record HomeSections(boolean learner, boolean writer, boolean organiser) {
  }

  static Future<HomeSections> homeSections(Account a) {
    return Future.succeededFuture(new HomeSections(a.hasAny(Set.of(Role.WORKER, Role.MENTOR)),
        a.hasAny(Set.of(Role.TRAINER, Role.ADMIN)), a.hasAny(Set.of(Role.ORGANISER, Role.ADMIN))));
  }
}
