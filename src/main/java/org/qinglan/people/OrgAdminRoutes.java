package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Admin pages: the org tree and staff accounts. */
public final class OrgAdminRoutes {
  private static final Access ADMINS = Access.roles(Role.ADMIN);

  private final OrgUnitService orgUnits;
  private final AccountService accounts;
  private final Views views;

  public OrgAdminRoutes(OrgUnitService orgUnits, AccountService accounts, Views views) {
    this.orgUnits = orgUnits;
    this.accounts = accounts;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/org-units", ADMINS, ctx -> tree(ctx, 200, List.of()));
    routes.page(HttpMethod.POST, "/org-units", ADMINS, this::createUnit);
    routes.page(HttpMethod.POST, "/org-units/:id", ADMINS, this::renameUnit);
    routes.page(HttpMethod.GET, "/accounts", ADMINS, ctx -> accountsPage(ctx, 200, List.of(), null));
    routes.page(HttpMethod.POST, "/accounts", ADMINS, this::createAccount);
    routes.page(HttpMethod.GET, "/accounts/:id", ADMINS, ctx -> accountPage(ctx, 200, null, null, List.of()));
    routes.page(HttpMethod.POST, "/accounts/:id", ADMINS, this::updateAccount);
    routes.page(HttpMethod.POST, "/accounts/:id/disable", ADMINS, ctx -> setActive(ctx, false));
    routes.page(HttpMethod.POST, "/accounts/:id/enable", ADMINS, ctx -> setActive(ctx, true));
    routes.page(HttpMethod.POST, "/accounts/:id/password", ADMINS, this::resetPassword);
  }

  /** The model of the org tree page. */
  public record TreePage(List<OrgUnitService.TreeRow> rows, List<String> errors) {
  }

  /** The model of the staff accounts page; {@code created} is the account just made (null: none). */
  public record AccountsPage(List<Account> accounts, List<OrgUnitService.TreeRow> units, List<Role> roles,
                      List<String> errors, WorkerService.Created created) {
  }

  /** What the account form shows: the stored values, or the rejected input to correct (public: templates read it). */
  public record AccountForm(String displayName, String mobile, String orgUnit, List<String> roles) {
    static AccountForm of(Account a) {
      return new AccountForm(a.displayName(), a.mobile() == null ? "" : a.mobile(),
          a.orgUnit() == null ? "" : a.orgUnit().id().toString(), a.roles().stream().map(Role::name).toList());
    }
  }

  /** The model of one account's page; {@code reset} holds a password just reset (null: none). */
  public record AccountPage(Account a, List<OrgUnitService.TreeRow> units, List<Role> roles, AccountForm f,
                     List<String> errors, WorkerService.Created reset, boolean self, boolean worker) {
  }

  /** The roles an admin gives staff accounts, in the order the forms list them. */
  private static final List<Role> STAFF_ROLES = List.of(Role.ORGANISER, Role.TRAINER, Role.JUDGE, Role.MENTOR,
      Role.ADMIN);

  private void tree(RoutingContext ctx, int status, List<String> errors) {
    orgUnits.within(Auth.account(ctx)).onSuccess(units -> views.page(ctx, status, "people/org-units.ftlh", "组织架构",
        new TreePage(OrgUnitService.tree(units), errors))).onFailure(ctx::fail);
  }

  private void createUnit(RoutingContext ctx) {
    UUID parent = WorkerRoutes.parseUuid(ctx.request().getFormAttribute("parent"));
    afterChange(ctx, orgUnits.create(Auth.account(ctx), parent, ctx.request().getFormAttribute("name")).mapEmpty());
  }

  private void renameUnit(RoutingContext ctx) {
    UUID id = WorkerRoutes.pathId(ctx);
    afterChange(ctx, orgUnits.rename(Auth.account(ctx), id, ctx.request().getFormAttribute("name")));
  }

  private void afterChange(RoutingContext ctx, Future<Void> change) {
    change.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.redirect("/org-units");
      } else if (ar.cause() instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
        tree(ctx, p.status(), List.of(p.getMessage()));
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private void accountsPage(RoutingContext ctx, int status, List<String> errors, WorkerService.Created created) {
    Account me = Auth.account(ctx);
    Future.all(accounts.staff(me), orgUnits.within(me)).onSuccess(all -> views.page(ctx, status,
        "people/accounts.ftlh", "账号管理", new AccountsPage(all.resultAt(0), OrgUnitService.tree(all.resultAt(1)),
            STAFF_ROLES, errors, created))).onFailure(ctx::fail);
  }

  private void createAccount(RoutingContext ctx) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> unknown = rolesFrom(ctx, roles);
    if (!unknown.isEmpty()) {
      accountsPage(ctx, 400, List.of("未知角色：" + String.join("、", unknown)), null);
      return;
    }
    UUID unit = WorkerRoutes.parseUuid(ctx.request().getFormAttribute("orgUnit"));
    accounts.createStaff(Auth.account(ctx), ctx.request().getFormAttribute("username"),
        ctx.request().getFormAttribute("displayName"), roles, unit).onComplete(ar -> {
          if (ar.succeeded()) {
            accountsPage(ctx, 201, List.of(), ar.result());
          } else if (ar.cause() instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            accountsPage(ctx, p.status(), p.details().isEmpty() ? List.of(p.getMessage()) : p.details(), null);
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  /** The roles ticked in a form into {@code roles}; returns the names that are no role. */
  private static List<String> rolesFrom(RoutingContext ctx, Set<Role> roles) {
    List<String> unknown = new ArrayList<>();
    for (String r : ctx.request().formAttributes().getAll("roles")) {
      try {
        roles.add(Role.valueOf(r));
      } catch (IllegalArgumentException e) {
        unknown.add(r);
      }
    }
    return unknown;
  }

  /** One account: its details form, disable/enable and password reset; {@code form} re-shows rejected input. */
  private void accountPage(RoutingContext ctx, int status, AccountForm form, WorkerService.Created reset,
                           List<String> errors) {
    Account me = Auth.account(ctx);
    UUID id = WorkerRoutes.pathId(ctx);
    accounts.get(me, id).compose(a -> orgUnits.within(me).map(units -> new AccountPage(a, OrgUnitService.tree(units),
            STAFF_ROLES, form == null ? AccountForm.of(a) : form, errors, reset, a.id().equals(me.id()),
            a.has(Role.WORKER))))
        .onSuccess(page -> views.page(ctx, status, "people/account.ftlh", "账号 " + page.a().username(), page))
        .onFailure(ctx::fail);
  }

  private void updateAccount(RoutingContext ctx) {
    UUID id = WorkerRoutes.pathId(ctx);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> unknown = rolesFrom(ctx, roles);
    var r = ctx.request();
    AccountForm form = new AccountForm(
        r.getFormAttribute("displayName") == null ? "" : r.getFormAttribute("displayName"),
        r.getFormAttribute("mobile") == null ? "" : r.getFormAttribute("mobile"),
        r.getFormAttribute("orgUnit") == null ? "" : r.getFormAttribute("orgUnit"),
        r.formAttributes().getAll("roles"));
    if (!unknown.isEmpty()) {
      accountPage(ctx, 400, form, null, List.of("未知角色：" + String.join("、", unknown)));
      return;
    }
    UUID unit;
    try {
      unit = WorkerRoutes.parseUuid(r.getFormAttribute("orgUnit"));
    } catch (Problem p) {
      accountPage(ctx, 400, form, null, List.of(p.getMessage()));
      return;
    }
    accounts.update(Auth.account(ctx), id, r.getFormAttribute("displayName"), r.getFormAttribute("mobile"), roles, unit)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            ctx.redirect("/accounts/" + id);
          } else if (ar.cause() instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            accountPage(ctx, p.status(), form, null, p.details().isEmpty() ? List.of(p.getMessage()) : p.details());
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private void setActive(RoutingContext ctx, boolean active) {
    UUID id = WorkerRoutes.pathId(ctx);
    accounts.setActive(Auth.account(ctx), id, active).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.redirect("/accounts/" + id);
      } else if (ar.cause() instanceof Problem p && p.status() == 400) {
        accountPage(ctx, 400, null, null, List.of(p.getMessage()));
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private void resetPassword(RoutingContext ctx) {
    accounts.resetPassword(Auth.account(ctx), WorkerRoutes.pathId(ctx))
        .onSuccess(created -> accountPage(ctx, 200, null, created, List.of()))
        .onFailure(ctx::fail);
  }
}
