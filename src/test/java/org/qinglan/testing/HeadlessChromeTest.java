package org.qinglan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/** A browser handed back by one test class reaches the next one as if new: no cookies, a blank page, phone-sized. */
class HeadlessChromeTest {

  @Test
  void aReleasedBrowserIsHandedOutAgainCleared() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String cookies = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
      byte[] body = ("<!doctype html><title>t</title><p id=cookies>" + cookies + "</p>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String page = "http://localhost:" + server.getAddress().getPort() + "/";
    ChromeDriver first = HeadlessChrome.phone();
    try {
      first.get(page);
      first.manage().addCookie(new Cookie("qinglan_session", "left-by-the-last-class"));
      first.manage().window().setSize(new Dimension(1280, 900));
      first.manage().timeouts().implicitlyWait(Duration.ZERO);
      HeadlessChrome.release(first);

      ChromeDriver next = HeadlessChrome.phone();
      assertSame(first, next, "the idle browser is reused");
      assertEquals("about:blank", next.getCurrentUrl());
      assertEquals(new Dimension(390, 844), next.manage().window().getSize());
      assertEquals(Duration.ofSeconds(5), next.manage().timeouts().getImplicitWaitTimeout());
      next.get(page);
      assertEquals("null", next.findElement(By.id("cookies")).getText(), "no cookie reaches the next class's node");
      assertTrue(next.manage().getCookies().isEmpty());
      assertTrue(HeadlessChrome.noneOnPage(next, By.id("absent")));
    } finally {
      HeadlessChrome.release(first);
      server.stop(0);
    }
  }
}
