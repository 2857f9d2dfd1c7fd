package dev.herald.tracking;

import java.util.List;
import java.util.Locale;

/**
 * Tells the requests of machines from those of people, by what they say they are: mail privacy
 * proxies fetch every image of a message whether or not anyone reads it (an open that is not a
 * read), and security scanners follow every link of a message before it reaches the inbox (a click
 * that is not a click). Such events are kept, flagged, and left out of the human counts; reports
 * also leave out clicks that came too soon after sending and those beside a click of the hidden
 * honeypot link.
 */
public final class MachineTraffic {

    public static final String PRIVACY_PROXY = "privacy_proxy";
    public static final String SCANNER = "scanner";
    public static final String HONEYPOT = "honeypot";

    /** User agents of the image proxies of Gmail, Yahoo and others (lower case, as parts). */
    private static final List<String> PROXIES = List.of("googleimageproxy", "ggpht.com", "yahoomailproxy", "yahoo! slurp",
            "mimecast-image-proxy", "outlook-ios-imgproxy", "front-image-proxy");
    /** User agents of link scanners, previewers and scripts (lower case, as parts). */
    private static final List<String> SCANNERS = List.of("barracuda", "mimecast", "proofpoint", "symantec", "messagelabs",
            "trend micro", "trendmicro", "sophos", "fortiguard", "forcepoint", "cisco", "ironport", "safelinks", "bingpreview",
            "microsoft office", "msoffice", "ms-office", "skypeuripreview", "slackbot", "linkpreview", "facebookexternalhit",
            "headlesschrome", "phantomjs", "python-requests", "python-urllib", "go-http-client", "curl/", "wget/", "okhttp",
            "apache-httpclient", "java/", "libwww-perl", "bot", "spider", "crawler");

    private MachineTraffic() {
    }

    /** Why a request of this kind with this user agent is a machine's, or null for a person's. */
    public static String of(TrackingEvent.Kind kind, String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return SCANNER;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (kind == TrackingEvent.Kind.OPEN && PROXIES.stream().anyMatch(ua::contains)) {
            return PRIVACY_PROXY;
        }
        return SCANNERS.stream().anyMatch(ua::contains) ? SCANNER : null;
    }
}
