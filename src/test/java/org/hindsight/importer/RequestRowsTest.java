package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where an access log's server comes from when its lines do not say, and request times in each tool's unit. */
class RequestRowsTest {
  private static RequestRows.Place server(String file, String option) {
    ImportRun run = new ImportRun(ImportSettings.builder().placedAt(null, option).build(), "access-log");
    return RequestRows.fileServer(Source.of("/var/log/" + file), run);
  }

  @Test
  void theServerIsTheHostTheFileIsNamedAfterNeverAWordEveryAccessLogIsNamedBy() {
    assertEquals(new RequestRows.Place("web-1", "file name"), server("web-1.access.log", null));
    assertEquals(new RequestRows.Place("web-1", "file name"), server("web-1-access.log.1.gz", null));
    assertEquals(new RequestRows.Place("web-1", "file name"), server("web-1.log", null)); // the host's own number stays
    assertEquals(new RequestRows.Place("db-02", "file name"), server("db-02_ssl_access_log-20240620", null));
    // near misses: a file named only for what it holds names no host, and says so
    assertEquals(new RequestRows.Place("access.log.1", "file name (names no host)"), server("access.log.1.gz", null));
    assertEquals(new RequestRows.Place("ssl_access_log", "file name (names no host)"), server("ssl_access_log", null));
    assertEquals(new RequestRows.Place("lb-7", "--server"), server("access.log", "lb-7"));
  }

  @Test
  void aRequestTimeIsReadInTheUnitItsToolWrites() {
    assertEquals("30001", AccessLogImporter.requestTime("30.001"));          // NGINX $request_time: seconds
    assertEquals("15.32", AccessLogImporter.requestTime("15320 \"-\""));    // Apache %D: microseconds
    assertEquals("125", AccessLogImporter.requestTime("\"-\" rt=0.125 uct=\"0.001\""));
    assertEquals("", AccessLogImporter.requestTime("\"10.0.0.9\""));        // a forwarded-for field is no time
    assertEquals("", AccessLogImporter.requestTime(""));
    assertEquals("48", RequestRows.millis("48000000", 1_000_000_000L));     // Cloudflare's OriginResponseTime: ns
    assertEquals("", RequestRows.millis("-1", 1000));                       // HAProxy: never measured
  }
}
