package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    routes.page(HttpMethod.GET, "/accounts/:id", ADMINS, ctx -> accountPage(ctx, 200, null, null, List.of(), null));
    routes.page(HttpMethod.POST, "/accounts/:id", ADMINS, this::updateAccount);
    routes.page(HttpMethod.POST, "/accounts/:id/disable", ADMINS, ctx -> setActive(ctx, false));
    routes.page(HttpMethod.POST, "/accounts/:id/enable", ADMINS, ctx -> setActive(ctx, true));
    routes.page(HttpMethod.POST, "/accounts/:id/password", ADMINS, this::resetPassword);
  }

  private void tree(RoutingContext ctx, int status, List<String> errors) {
    orgUnits.within(Auth.account(ctx)).onSuccess(units -> {
      Map<String, Object> model = new HashMap<>();
      model.put("rows", OrgUnitService.tree(units));
      model.put("errors", errors);
      views.page(ctx, status, "people/org-units.ftlh", "组织架构", model);
    }).onFailure(ctx::fail);
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
    Future.all(accounts.staff(me), orgUnits.within(me)).onSuccess(all -> {
      Map<String, Object> model = new HashMap<>();
      model.put("accounts", all.resultAt(0));
      model.put("units", OrgUnitService.tree(all.resultAt(1)));
      model.put("roles", List.of(Role.ORGANISER, Role.TRAINER, Role.JUDGE, Role.MENTOR, Role.ADMIN));
      model.put("errors", errors);
      model.put("created", created);
      views.page(ctx, status, "people/accounts.ftlh", "账号管理", model);
    }).onFailure(ctx::fail);
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
  private void accountPage(RoutingContext ctx, int status, Map<String, Object> form, WorkerService.Created reset,
                           List<String> errors, String notice) {
    Account me = Auth.account(ctx);
    UUID id = WorkerRoutes.pathId(ctx);
    accounts.get(me, id).compose(a -> orgUnits.within(me).map(units -> {
      Map<String, Object> model = new HashMap<>();
      model.put("a", a);
      model.put("units", OrgUnitService.tree(units));
      model.put("roles", List.of(Role.ORGANISER, Role.TRAINER, Role.JUDGE, Role.MENTOR, Role.ADMIN));
      Map<String, Object> shown = new HashMap<>();
      shown.put("displayName", a.displayName());
      shown.put("mobile", a.mobile() == null ? "" : a.mobile());
      shown.put("orgUnit", a.orgUnit() == null ? "" : a.orgUnit().id().toString());
      shown.put("roles", a.roles().stream().map(Role::name).toList());
      if (form != null) {
        shown.putAll(form);
      }
      model.put("f", shown);
      model.put("errors", errors);
      model.put("reset", reset);
      model.put("notice", notice);
      model.put("self", a.id().equals(me.id()));
      model.put("worker", a.has(Role.WORKER));
      return model;
    })).onSuccess(model -> views.page(ctx, status, "people/account.ftlh",
        "账号 " + ((Account) model.get("a")).username(), model)).onFailure(ctx::fail);
  }

  private void updateAccount(RoutingContext ctx) {
    UUID id = WorkerRoutes.pathId(ctx);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> unknown = rolesFrom(ctx, roles);
    var r = ctx.request();
    Map<String, Object> form = new HashMap<>();
    form.put("displayName", r.getFormAttribute("displayName") == null ? "" : r.getFormAttribute("displayName"));
    form.put("mobile", r.getFormAttribute("mobile") == null ? "" : r.getFormAttribute("mobile"));
    form.put("orgUnit", r.getFormAttribute("orgUnit") == null ? "" : r.getFormAttribute("orgUnit"));
    form.put("roles", r.formAttributes().getAll("roles"));
    if (!unknown.isEmpty()) {
      accountPage(ctx, 400, form, null, List.of("未知角色：" + String.join("、", unknown)), null);
      return;
    }
    UUID unit;
    try {
      unit = WorkerRoutes.parseUuid(r.getFormAttribute("orgUnit"));
    } catch (Problem p) {
      accountPage(ctx, 400, form, null, List.of(p.getMessage()), null);
      return;
    }
    accounts.update(Auth.account(ctx), id, r.getFormAttribute("displayName"), r.getFormAttribute("mobile"), roles, unit)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            ctx.redirect("/accounts/" + id);
          } else if (ar.cause() instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            accountPage(ctx, p.status(), form, null, p.details().isEmpty() ? List.of(p.getMessage()) : p.details(), null);
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
        accountPage(ctx, 400, null, null, List.of(p.getMessage()), null);
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private void resetPassword(RoutingContext ctx) {
    accounts.resetPassword(Auth.account(ctx), WorkerRoutes.pathId(ctx))
        .onSuccess(created -> accountPage(ctx, 200, null, created, List.of(), null))
        .onFailure(ctx::fail);
  }
}
