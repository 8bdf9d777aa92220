package org.qinglan.web;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code templates/**.ftlh} pages (HTML auto-escaped) with the shared layout's model:
 * the signed-in account, its navigation and the CSRF token. Templates are read and written as
 * UTF-8 whatever the platform charset is.
 */
public final class Views {
  private final Configuration config;
  private final Times times;
  private final List<NavItem> menu;

  public Views(Vertx vertx) {
    this(vertx, ZoneId.of("Asia/Shanghai"));
  }

  /** Views whose menu holds only the home page (for tests of the web layer alone). */
  public Views(Vertx vertx, ZoneId zone) {
    this(vertx, zone, List.of());
  }

  /**
   * Times are shown in {@code zone}, the deployment's: in a template {@code ${localTime(t)}}
   * (2026-11-23 16:05), {@code ${localDate(d)}} (2026-11-23) and {@code ${longDate(d)}}
   * (2026年11月23日); in Java (exports, messages) through {@link #times()}; {@code ${timeZone}} is
   * the zone's id for a page's script. {@code menu} lists the
   * links after the home page, each shown to whom its {@link Access} admits.
   */
  public Views(Vertx vertx, ZoneId zone, List<NavItem> menu) {
    times = new Times(zone);
    this.menu = List.copyOf(menu);
    FreeMarkerTemplateEngine engine = FreeMarkerTemplateEngine.create(vertx);
    config = engine.unwrap();
    readRecordsAsProperties((freemarker.ext.beans.BeansWrapper) config.getObjectWrapper());
    config.setTemplateLoader(new ClassTemplateLoader(Views.class.getClassLoader(), "templates"));
    config.setDefaultEncoding("UTF-8");
    config.setOutputEncoding("UTF-8");
    config.setRecognizeStandardFileExtensions(true);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setCacheStorage(new freemarker.cache.MruCacheStorage(50, 200));
    config.setSharedVariable("localTime", method("localTime", times::dateTime));
    config.setSharedVariable("localDate", method("localDate", times::date));
    config.setSharedVariable("longDate", method("longDate", times::longDate));
    // For the few times a page's script shows (the moment an answer was saved), in the same zone.
    config.setSharedVariable("timeZone", new freemarker.template.SimpleScalar(zone.getId()));
  }

  /**
   * A record's components (and other methods without arguments) read as properties, as a map's
   * keys did ({@code row.name}, a null component missing: {@code row.unit!""}, {@code row.unit??}),
   * and still as methods ({@code o.course().id()}). A name with overloads ({@code opening()} and
   * {@code opening(String)}) stays a method only: as a property, FreeMarker 2.3.33 would leave the
   * overload without arguments out of the calls.
   */
  private static void readRecordsAsProperties(freemarker.ext.beans.BeansWrapper wrapper) {
    wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
        freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
    freemarker.ext.beans.MethodAppearanceFineTuner before = wrapper.getMethodAppearanceFineTuner();
    wrapper.setMethodAppearanceFineTuner((in, out) -> {
      if (before != null) {
        before.process(in, out);
      }
      java.lang.reflect.Method m = in.getMethod();
      boolean overloaded = java.util.Arrays.stream(in.getContainingClass().getMethods())
          .anyMatch(o -> o.getName().equals(m.getName()) && o.getParameterCount() > 0);
      if (in.getContainingClass().isRecord() && out.getExposeAsProperty() != null && m.getParameterCount() == 0
          && overloaded) {
        out.setExposeAsProperty(null);
      }
    });
  }

  /** The one formatting rule for times and dates people read, in the deployment's zone. */
  public Times times() {
    return times;
  }

  private static TemplateMethodModelEx method(String name, java.util.function.Function<Object, String> format) {
    return args -> {
      Object t = args.isEmpty() ? null : DeepUnwrap.unwrap((TemplateModel) args.get(0));
      try {
        return format.apply(t);
      } catch (IllegalArgumentException e) {
        throw new TemplateModelException(name + "(): " + e.getMessage());
      }
    };
  }

  /**
   * Formats instants in one time zone: an instant (Instant, OffsetDateTime, ZonedDateTime) is
   * first moved to the zone, a LocalDate is already a calendar day there.
   */
  public static final class Times {
    private final ZoneId zone;
    private final DateTimeFormatter minutes;
    private final DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
    private final DateTimeFormatter longDay = DateTimeFormatter.ofPattern("yyyy年M月d日");

    public Times(ZoneId zone) {
      this.zone = zone;
      this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public ZoneId zone() {
      return zone;
    }

    /** 2026-11-23 16:05; empty for null. */
    public String dateTime(Object t) {
      return t == null ? "" : minutes.format(instant(t));
    }

    /** 2026-11-23; empty for null. */
    public String date(Object t) {
      return t == null ? "" : day.format(localDate(t));
    }

    /** 2026年11月23日 (certificates); empty for null. */
    public String longDate(Object t) {
      return t == null ? "" : longDay.format(localDate(t));
    }

    private java.time.LocalDate localDate(Object t) {
      return t instanceof java.time.LocalDate d ? d : instant(t).atZone(zone).toLocalDate();
    }

    private static Instant instant(Object t) {
      if (t instanceof Instant i) {
        return i;
      } else if (t instanceof OffsetDateTime odt) {
        return odt.toInstant();
      } else if (t instanceof java.time.ZonedDateTime zdt) {
        return zdt.toInstant();
      }
      throw new IllegalArgumentException("needs an Instant, OffsetDateTime, ZonedDateTime or LocalDate, not " + t);
    }
  }

  /** Renders a template to UTF-8 bytes. */
  Buffer render(String template, Map<String, Object> model) {
    try {
      Template t = config.getTemplate(template);
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        t.process(model, w);
      }
      return Buffer.buffer(out.toByteArray());
    } catch (IOException | freemarker.template.TemplateException e) {
      throw new IllegalStateException("Cannot render " + template + ": " + e.getMessage(), e);
    }
  }

  /** Renders a page with the layout model and sends it with the given status. */
  private void send(RoutingContext ctx, int status, String template, String title, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(model);
    all.putAll(layoutModel(ctx, title));
    Buffer body = render(template, all);
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  /**
   * Renders a page whose model is a record: each component is a template variable of its name, so
   * routes build typed models and templates read them as before.
   */
  public void page(RoutingContext ctx, int status, String template, String title, Record model) {
    send(ctx, status, template, title, components(model));
  }

  /** {@link #page(RoutingContext, int, String, String, Record)} with status 200. */
  public void page(RoutingContext ctx, String template, String title, Record model) {
    page(ctx, 200, template, title, model);
  }

  static Map<String, Object> components(Record model) {
    Map<String, Object> out = new HashMap<>();
    for (java.lang.reflect.RecordComponent c : model.getClass().getRecordComponents()) {
      try {
        java.lang.reflect.Method accessor = c.getAccessor();
        accessor.setAccessible(true);
        out.put(c.getName(), accessor.invoke(model));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + c.getName() + " of " + model.getClass().getName(), e);
      }
    }
    return out;
  }

  /**
   * A page (status 200) whose model is made of parts that different features supply (the home
   * page's facts): the components of them all are the template's variables, each named once.
   */
  public void page(RoutingContext ctx, String template, String title, List<? extends Record> parts) {
    Map<String, Object> all = new HashMap<>();
    for (Record part : parts) {
      components(part).forEach((name, value) -> {
        if (all.containsKey(name)) {
          throw new IllegalStateException(template + ": two parts of the model name " + name);
        }
        all.put(name, value);
      });
    }
    send(ctx, 200, template, title, all);
  }

  Map<String, Object> layoutModel(RoutingContext ctx, String title) {
    Map<String, Object> m = new HashMap<>();
    Principal account = Auth.account(ctx);
    m.put("title", title);
    m.put("csrf", Csrf.token(ctx) == null ? "" : Csrf.token(ctx));
    m.put("me", account);
    m.put("nav", account == null ? List.of() : navigation(account));
    m.put("path", ctx.normalizedPath());
    m.put("activeNav", account == null ? "" : activeNav(m.get("nav"), ctx.normalizedPath()));
    return m;
  }

  /**
   * The link the page belongs to: one that claims the path as one of its own pages, else the
   * longest that the path starts with (/cases/review, not /cases).
   */
  @SuppressWarnings("unchecked")
  public static String activeNav(Object nav, String path) {
    String best = "";
    for (NavItem item : (List<NavItem>) nav) {
      if (item.pages() != null && item.pages().matcher(path).matches()) {
        return item.href();
      }
      String href = item.href();
      boolean under = href.equals("/") ? path.equals("/") : path.equals(href) || path.startsWith(href + "/");
      if (under && href.length() > best.length()) {
        best = href;
      }
    }
    return best;
  }

  /**
   * A navigation link, the pages below other links that belong to it (null: none), and who sees
   * it (the same rule as its route's).
   */
  public record NavItem(String href, String label, java.util.regex.Pattern pages, Access access) {
    public NavItem(String href, String label, Access access) {
      this(href, label, null, access);
    }
  }

  /** The links this person sees: the home page, then (unless a password change is pending) the menu's they may use. */
  public List<NavItem> navigation(Principal a) {
    List<NavItem> nav = new ArrayList<>();
    nav.add(new NavItem("/", "首页", Access.signedIn()));
    if (a.mustChangePassword()) {
      return nav;
    }
    for (NavItem item : menu) {
      if (item.access().admits(a)) {
        nav.add(item);
      }
    }
    return nav;
  }
}
