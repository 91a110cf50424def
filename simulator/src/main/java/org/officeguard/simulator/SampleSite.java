package org.officeguard.simulator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;

/**
 * The built-in sample office of {@code ./officeguard demo}: five zones, eight doors, one PC per person and
 * two visitors pre-registered in the file for the first day. Written as a site file (SPEC §1) and loaded
 * through {@link SiteConfigLoader}, so it is validated like any other site.
 *
 * <pre>
 *   outside ─front─ lobby ─office─ office ─lab─ lab
 *      │              │              │  │       │
 *      └────back──────┼──────────────┘  server  lab-server
 *                   meeting ─office-meeting─┘  │       │
 *                                          server-room ┘
 * </pre>
 *
 * Everybody may enter lobby, office and meeting; about one in five works in the lab (desk there), one in
 * twelve is IT (every zone, after-hours allowed); a few managers may come in after hours too.
 */
public final class SampleSite {

    public static final String SITE = "hq";
    public static final int DEFAULT_PEOPLE = 50;

    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
        "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "Mori", "Ikeda",
        "Hashimoto", "Abe", "Ishikawa", "Yamashita", "Ogawa", "Ishii", "Hasegawa", "Goto"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽菜", "大輔", "結衣", "翔",
        "さくら", "Ren", "Yui", "Haruto", "Aoi", "Sota", "Mei", "Yuto", "Rin", "Kaito", "Hina", "拓海", "葵", "蓮"};
    private static final String[] DEPARTMENTS = {"営業", "総務", "経理", "開発", "企画"};

    private SampleSite() {}

    /** The site file for {@code people} people (at least 3); its two file visitors are valid on {@code day}. */
    public static String yaml(int people, LocalDate day) {
        if (people < 3) {
            throw new IllegalArgumentException("the sample site needs at least 3 people, not " + people);
        }
        ZoneId tz = ZoneId.of("Asia/Tokyo");
        StringBuilder y = new StringBuilder(256 + people * 160);
        y.append("# officeguard sample site: ").append(people).append(" people, 5 zones, 8 doors, ").append(people)
                .append(" PCs\n");
        y.append("site: ").append(SITE).append('\n');
        y.append("timezone: ").append(tz.getId()).append('\n');
        y.append("businessHours: {start: \"07:00\", end: \"21:00\"}\n");
        y.append("rules:\n");
        y.append("  escortSeconds: 60\n  screenLockSeconds: 300\n  leaveGraceSeconds: 30\n");
        y.append("  lastExitGraceSeconds: 900\n  visitorCheckoutGraceSeconds: 900\n");
        y.append("  antiPassback: soft\n  pcAtLockup: \"OFF\"\n  reorderSeconds: 5\n");
        y.append("zones:\n");
        for (String z : new String[] {"lobby", "office", "meeting", "lab", "server-room"}) {
            y.append("  - {id: ").append(z).append("}\n");
        }
        y.append("doors:\n");
        y.append("  - {id: front,          from: outside, to: lobby}\n");
        y.append("  - {id: back,           from: outside, to: office}\n");
        y.append("  - {id: office,         from: lobby,   to: office}\n");
        y.append("  - {id: meeting,        from: lobby,   to: meeting}\n");
        y.append("  - {id: office-meeting, from: office,  to: meeting}\n");
        y.append("  - {id: lab,            from: office,  to: lab}\n");
        y.append("  - {id: server,         from: office,  to: server-room}\n");
        y.append("  - {id: lab-server,     from: lab,     to: server-room}\n");
        y.append("people:\n");
        StringBuilder pcs = new StringBuilder("pcs:\n");
        for (int i = 1; i <= people; i++) {
            String badge = badge(i);
            boolean it = i % 12 == 2;
            boolean lab = !it && i % 5 == 3;
            boolean manager = !it && i % 10 == 1;
            String dept = it ? "IT" : lab ? "研究" : DEPARTMENTS[i % DEPARTMENTS.length];
            String zones = it ? "[lobby, office, meeting, lab, server-room]"
                    : lab ? "[lobby, office, meeting, lab]" : "[lobby, office, meeting]";
            y.append("  - {badge: ").append(badge).append(", name: ").append(name(i)).append(", department: ")
                    .append(dept).append(", zones: ").append(zones);
            if (it || manager) {
                y.append(", afterHours: true");
            }
            y.append("}\n");
            pcs.append("  - {id: ").append(String.format("PC-%04d", i)).append(", zone: ")
                    .append(lab ? "lab" : "office").append(", owner: ").append(badge).append("}\n");
        }
        y.append(pcs);
        y.append("visitors:\n");
        y.append(visitor("V001", "Visitor Alpha", badge(4), day, tz, "10:00", "12:30"));
        y.append(visitor("V002", "来訪者 ベータ", badge(7), day, tz, "13:30", "16:30"));
        return y.toString();
    }

    /** The sample site, loaded and validated. */
    public static SiteConfig config(int people, LocalDate day) {
        return SiteConfigLoader.parse(yaml(people, day), "sample-site.yaml");
    }

    public static String badge(int i) {
        return String.format("E%04d", i);
    }

    private static String name(int i) {
        String family = FAMILY[(i * 7) % FAMILY.length];
        String given = GIVEN[(i * 11) % GIVEN.length];
        return family + " " + given;
    }

    private static String visitor(String badge, String name, String host, LocalDate day, ZoneId tz, String from,
            String until) {
        String validFrom = day.atTime(LocalTime.parse(from)).atZone(tz).toOffsetDateTime().toString();
        String validUntil = day.atTime(LocalTime.parse(until)).atZone(tz).toOffsetDateTime().toString();
        return "  - {badge: " + badge + ", name: " + name + ", host: " + host + ", zones: [lobby, meeting],\n"
                + "     validFrom: \"" + withSeconds(validFrom) + "\", validUntil: \"" + withSeconds(validUntil) + "\"}\n";
    }

    /** OffsetDateTime.toString drops ":00" seconds; ISO_OFFSET_DATE_TIME parses both, but keep it explicit. */
    private static String withSeconds(String t) {
        return t.length() == "2026-11-25T10:00+09:00".length() ? t.substring(0, 16) + ":00" + t.substring(16) : t;
    }
}
