package org.qinglan.web;

import java.util.Locale;

/**
 * What a person signed in with, in a few Chinese words from the User-Agent header ("Android 手机 ·
 * 微信"), for the list of their sessions: enough to recognise one's own phone, nothing more is kept.
 */
public final class Devices {
  private Devices() {
  }

  public static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "未知设备";
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    String device;
    if (ua.contains("iphone")) {
      device = "iPhone";
    } else if (ua.contains("ipad")) {
      device = "iPad";
    } else if (ua.contains("harmonyos") || ua.contains("openharmony")) {
      device = "鸿蒙设备";
    } else if (ua.contains("android")) {
      device = ua.contains("mobile") ? "Android 手机" : "Android 平板";
    } else if (ua.contains("windows")) {
      device = "Windows 电脑";
    } else if (ua.contains("macintosh") || ua.contains("mac os x")) {
      device = "Mac 电脑";
    } else if (ua.contains("linux")) {
      device = "Linux 电脑";
    } else {
      return "其他设备";
    }
    String browser;
    if (ua.contains("micromessenger")) {
      browser = "微信";
    } else if (ua.contains("dingtalk")) {
      browser = "钉钉";
    } else if (ua.contains("edg/")) {
      browser = "Edge";
    } else if (ua.contains("firefox/")) {
      browser = "Firefox";
    } else if (ua.contains("chrome/") || ua.contains("crios/")) {
      browser = "Chrome";
    } else if (ua.contains("safari/")) {
      browser = "Safari";
    } else {
      return device;
    }
    return device + " · " + browser;
  }
}
