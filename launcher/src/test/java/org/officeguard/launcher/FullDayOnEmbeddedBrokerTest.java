package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.testsupport.Chromium;

/**
 * The whole product on the embedded broker and the embedded database — what {@code demo} runs — and the
 * manager's HTML report looked at in headless Chromium, in Japanese and in English. The screenshots stay
 * in {@code launcher/target/report-screenshots/}.
 */
class FullDayOnEmbeddedBrokerTest extends FullDayEndToEndTest {
    private EmbeddedBroker broker;

    @Override
    protected String startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", 0);
        return broker.url();
    }

    @Override
    protected void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected void lookAtTheHtmlReport(String url) throws Exception {
        super.lookAtTheHtmlReport(url);
        Path out = Path.of("target", "report-screenshots");
        Chromium.screenshot(url, out.resolve("report-ja.png"), 1280, 3200);
        Chromium.screenshot(url + "?lang=en", out.resolve("report-en.png"), 1280, 3200);

        String ja = Chromium.printedText(url, out.resolve("report-ja.pdf"));
        for (String seen : List.of("ルール別の件数", "部外者の立ち入り制限", "最終退出ルール", "離席時のPCロック",
                "直近7日間の推移", "山田 太郎", "未登録のカード", "11/25")) {
            assertTrue(ja.contains(seen), "the Japanese report shows '" + seen + "'");
        }
        assertTrue(ja.replaceAll("\\s+", " ").matches(".*合計 13.*"), "the totals table ends with 13");

        String en = Chromium.printedText(url + "?lang=en", out.resolve("report-en.pdf"));
        for (String seen : List.of("Keeping outsiders out", "Last-exit rule", "Locking the PC when away",
                "The last 7 days", "Unknown badge", "山田 太郎")) {
            assertTrue(en.contains(seen), "the English report shows '" + seen + "'");
        }
        assertTrue(!en.contains("ルール別の件数"), "the English report has no Japanese headings");
    }
}
