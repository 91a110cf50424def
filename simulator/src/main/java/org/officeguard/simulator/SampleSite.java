package org.officeguard.simulator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.officeguard.core.config.Device;
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
    public static final ZoneId TIMEZONE = ZoneId.of("Asia/Tokyo");
    public static final int DEFAULT_PEOPLE = 50;
    /** Card numbers: people from 6000001 on, the file's visitors 7000001 and 7000002 (see {@link #cardNumber}). */
    static final long FIRST_CARD = 6_000_000L;
    static final long FIRST_VISITOR_CARD = 7_000_001L;

    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
        "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "Mori", "Ikeda",
        "Hashimoto", "Abe", "Ishikawa", "Yamashita", "Ogawa", "Ishii", "Hasegawa", "Goto"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽菜", "大輔", "結衣", "翔",
        "さくら", "Ren", "Yui", "Haruto", "Aoi", "Sota", "Mei", "Yuto", "Rin", "Kaito", "Hina", "拓海", "葵", "蓮"};
    private static final String[] DEPARTMENTS = {"営業", "総務", "経理", "開発", "企画"};

    private SampleSite() {}

    /** The site file for {@code people} people (at least 3); its two file visitors are valid on {@code day}. */
    public static String yaml(int people, LocalDate day) {
        return yaml(SITE, TIMEZONE, people, day, false);
    }

    /**
     * The same office as {@link #yaml(int, LocalDate)} as site {@code site} in time zone {@code tz}: one of many sites
     * served together, each with ids of its own.
     */
    public static String yaml(String site, ZoneId tz, int people, LocalDate day) {
        return yaml(site, tz, people, day, false);
    }

    /**
     * The site file whose readers and PCs are devices of {@code kinds} (SPEC §8, laid out by {@link DeviceLayout});
     * with uhppoted controllers, which report cards as numbers, every badge is a card number ({@link #cardNumber}).
     * The same site file as {@link #yaml(int, LocalDate)} without kinds.
     */
    public static String yaml(int people, LocalDate day, Set<Device.Kind> kinds) {
        String yaml = yaml(SITE, TIMEZONE, people, day, kinds.contains(Device.Kind.UHPPOTED));
        if (kinds.isEmpty()) {
            return yaml;
        }
        return yaml + DeviceLayout.yaml(SiteConfigLoader.parse(yaml, "sample-site.yaml"), kinds);
    }

    private static String yaml(String site, ZoneId tz, int people, LocalDate day, boolean cardNumbers) {
        if (people < 3) {
            throw new IllegalArgumentException("the sample site needs at least 3 people, not " + people);
        }
        StringBuilder yaml = new StringBuilder(256 + people * 160);
        yaml.append("# officeguard sample site: ").append(people).append(" people, 5 zones, 8 doors, ").append(people)
                .append(" PCs\n");
        yaml.append("site: ").append(site).append('\n');
        yaml.append("timezone: ").append(tz.getId()).append('\n');
        yaml.append("businessHours: {start: \"07:00\", end: \"21:00\"}\n");
        yaml.append("rules:\n");
        yaml.append("  escortSeconds: 60\n  screenLockSeconds: 300\n  leaveGraceSeconds: 30\n");
        yaml.append("  lastExitGraceSeconds: 900\n  visitorCheckoutGraceSeconds: 900\n");
        yaml.append("  antiPassback: soft\n  pcAtLockup: \"OFF\"\n  reorderSeconds: 5\n");
        yaml.append("zones:\n");
        for (String zone : new String[] {"lobby", "office", "meeting", "lab", "server-room"}) {
            yaml.append("  - {id: ").append(zone).append("}\n");
        }
        yaml.append("doors:\n");
        yaml.append("  - {id: front,          from: outside, to: lobby}\n");
        yaml.append("  - {id: back,           from: outside, to: office}\n");
        yaml.append("  - {id: office,         from: lobby,   to: office}\n");
        yaml.append("  - {id: meeting,        from: lobby,   to: meeting}\n");
        yaml.append("  - {id: office-meeting, from: office,  to: meeting}\n");
        yaml.append("  - {id: lab,            from: office,  to: lab}\n");
        yaml.append("  - {id: server,         from: office,  to: server-room}\n");
        yaml.append("  - {id: lab-server,     from: lab,     to: server-room}\n");
        yaml.append("people:\n");
        StringBuilder pcs = new StringBuilder("pcs:\n");
        for (int number = 1; number <= people; number++) {
            String badge = cardNumbers ? cardNumber(number) : badge(number);
            boolean it = number % 12 == 2;
            boolean lab = !it && number % 5 == 3;
            boolean manager = !it && number % 10 == 1;
            String dept = it ? "IT" : lab ? "研究" : DEPARTMENTS[number % DEPARTMENTS.length];
            String zones = it ? "[lobby, office, meeting, lab, server-room]"
                    : lab ? "[lobby, office, meeting, lab]" : "[lobby, office, meeting]";
            yaml.append("  - {badge: ").append(badge).append(", name: ").append(name(number)).append(", department: ")
                    .append(dept).append(", zones: ").append(zones);
            if (it || manager) {
                yaml.append(", afterHours: true");
            }
            yaml.append("}\n");
            pcs.append("  - {id: ").append(String.format("PC-%04d", number)).append(", zone: ")
                    .append(lab ? "lab" : "office").append(", owner: ").append(badge).append("}\n");
        }
        yaml.append(pcs);
        yaml.append("visitors:\n");
        int alphaHost = Math.min(4, people); // a small site still has hosts for its visitors
        int betaHost = Math.min(7, people);
        yaml.append(visitor(cardNumbers ? Long.toString(FIRST_VISITOR_CARD) : "V001", "Visitor Alpha",
                cardNumbers ? cardNumber(alphaHost) : badge(alphaHost), day, tz, "10:00", "12:30"));
        yaml.append(visitor(cardNumbers ? Long.toString(FIRST_VISITOR_CARD + 1) : "V002", "来訪者 ベータ",
                cardNumbers ? cardNumber(betaHost) : badge(betaHost), day, tz, "13:30", "16:30"));
        return yaml.toString();
    }

    /** The sample site, loaded and validated. */
    public static SiteConfig config(int people, LocalDate day) {
        return SiteConfigLoader.parse(yaml(people, day), "sample-site.yaml");
    }

    /** The sample site with devices of {@code kinds}, loaded and validated. */
    public static SiteConfig config(int people, LocalDate day, Set<Device.Kind> kinds) {
        return SiteConfigLoader.parse(yaml(people, day, kinds), "sample-site.yaml");
    }

    public static String badge(int number) {
        return String.format("E%04d", number);
    }

    /** The badge of person {@code number} where cards are numbers (uhppoted): 6000001, 6000002, …. */
    public static String cardNumber(int number) {
        return Long.toString(FIRST_CARD + number);
    }

    private static String name(int number) {
        String family = FAMILY[(number * 7) % FAMILY.length];
        String given = GIVEN[(number * 11) % GIVEN.length];
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
    private static String withSeconds(String time) {
        return time.length() == "2026-11-25T10:00+09:00".length() ? time.substring(0, 16) + ":00" + time.substring(16)
                : time;
    }
}
