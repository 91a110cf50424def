package org.officeguard.reporting.report;

import java.util.EnumMap;
import java.util.Map;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/** The words of the report, in Japanese and English: rule and habit names and what each rule means. */
final class Texts {

    private record Words(String ja, String en) {
        String in(Lang lang) {
            return lang == Lang.EN ? en : ja;
        }
    }

    private static final Map<Rule, Words> RULE = new EnumMap<>(Rule.class);
    private static final Map<Rule, Words> MEANING = new EnumMap<>(Rule.class);
    private static final Map<Rule.Habit, Words> HABIT = new EnumMap<>(Rule.Habit.class);
    private static final Map<Rule.Habit, Words> HABIT_SHORT = new EnumMap<>(Rule.Habit.class);
    private static final Map<Rule.Habit, Words> HABIT_AIM = new EnumMap<>(Rule.Habit.class);

    private static void rule(Rule r, String ja, String en, String meaningJa, String meaningEn) {
        RULE.put(r, new Words(ja, en));
        MEANING.put(r, new Words(meaningJa, meaningEn));
    }

    static {
        rule(Rule.UNKNOWN_BADGE, "未登録のカード", "Unknown badge",
                "登録されていないカードがドアで使われました。入室はお断りしています。",
                "A badge the office does not know was used at a door. Entry was refused.");
        rule(Rule.VISITOR_PASS_INVALID, "有効時間外の来訪者カード", "Visitor pass out of hours",
                "来訪者が、許可された時間帯の外に入ろうとしました。入室はお断りしています。",
                "A visitor tried to go in outside the hours of their pass. Entry was refused.");
        rule(Rule.ZONE_NOT_ALLOWED, "権限のないエリアへの入室", "Area not permitted",
                "入る権限のないエリアのドアでカードが使われました。入室はお断りしています。",
                "A badge was used at the door of an area its holder may not enter. Entry was refused.");
        rule(Rule.ANTI_PASSBACK, "入退室記録の食い違い", "Passage out of sequence",
                "記録上いるはずの場所と違う側からドアを通りました。共連れやカードの貸し借りが疑われます。",
                "Someone passed a door from a side they were not recorded on: a sign of tailgating or a shared badge.");
        rule(Rule.AFTER_HOURS_ENTRY, "営業時間外の入館", "After-hours entry",
                "時間外の入館を認められていない人が、営業時間外に外から入りました。",
                "Someone without after-hours permission came into the office outside business hours.");
        rule(Rule.VISITOR_UNESCORTED, "来訪者の単独行動", "Visitor without escort",
                "来訪者が、受け入れ担当者と一緒でないままドアを通りました。",
                "A visitor went through a door without their host going through with them.");
        rule(Rule.VISITOR_NOT_CHECKED_OUT, "来訪者の退館漏れ", "Visitor not checked out",
                "施錠の時点、または許可時間の終了後も、来訪者が社内に残っていました。",
                "A visitor was still inside when the office was locked up or after their pass ran out.");
        rule(Rule.SCREEN_LOCK_IDLE, "操作のないPCの画面ロック忘れ", "Idle PC not locked",
                "しばらく操作のないパソコンが、画面ロックされないまま放置されていました。",
                "A PC sat unused past the screen-lock limit with its screen still unlocked.");
        rule(Rule.LEFT_PC_UNLOCKED, "PCをロックせずに離席", "Left the PC unlocked",
                "パソコンの画面をロックしないまま、その部屋から出ました。",
                "The user walked out of the room without locking their PC.");
        rule(Rule.LOCKUP_MISSING, "最終退出時の施錠漏れ", "Office not locked up",
                "最後の人が出た後、事務所の施錠（警備のセット）が行われませんでした。",
                "Everyone had left, but nobody locked up and armed the office.");
        rule(Rule.LOCKUP_WITH_OCCUPANTS, "人が残ったままの施錠", "Locked up with people inside",
                "まだ中に人がいるのに、事務所の施錠操作が行われました。",
                "The office was locked up while other people were still inside.");
        rule(Rule.PC_LEFT_ON, "退出時のPC電源の切り忘れ", "PC left on at lock-up",
                "施錠の時点で、決められた状態（電源オフなど）になっていないパソコンがありました。",
                "At lock-up a PC was not in the required state (shut down, or at least locked).");

        HABIT.put(Rule.Habit.VISITORS, new Words("部外者の立ち入り制限", "Keeping outsiders out"));
        HABIT.put(Rule.Habit.LAST_EXIT, new Words("最終退出ルール", "Last-exit rule"));
        HABIT.put(Rule.Habit.SCREEN_LOCK, new Words("離席時のPCロック", "Locking the PC when away"));
        HABIT_SHORT.put(Rule.Habit.VISITORS, new Words("立ち入り制限", "Outsiders"));
        HABIT_SHORT.put(Rule.Habit.LAST_EXIT, new Words("最終退出", "Last exit"));
        HABIT_SHORT.put(Rule.Habit.SCREEN_LOCK, new Words("PCロック", "PC lock"));
        HABIT_AIM.put(Rule.Habit.VISITORS, new Words(
                "入ってよい人だけが、入ってよい場所と時間に入っているか",
                "Only the right people, in the right places, at the right times"));
        HABIT_AIM.put(Rule.Habit.LAST_EXIT, new Words(
                "一日の終わりに、事務所が正しく締められたか",
                "Whether the office was closed properly at the end of the day"));
        HABIT_AIM.put(Rule.Habit.SCREEN_LOCK, new Words(
                "席を離れるとき、パソコンが守られていたか",
                "Whether PCs were protected while their users were away"));
    }

    private Texts() {}

    static String rule(Rule r, Lang lang) {
        return RULE.get(r).in(lang);
    }

    static String meaning(Rule r, Lang lang) {
        return MEANING.get(r).in(lang);
    }

    static String habit(Rule.Habit h, Lang lang) {
        return HABIT.get(h).in(lang);
    }

    static String habitShort(Rule.Habit h, Lang lang) {
        return HABIT_SHORT.get(h).in(lang);
    }

    static String habitAim(Rule.Habit h, Lang lang) {
        return HABIT_AIM.get(h).in(lang);
    }

    /** The timeline's hint when it lists only the first {@code shown} of {@code total} violations. */
    static String timelineFirst(int shown, int total, Lang lang) {
        return lang == Lang.EN
                ? "The first " + num(shown) + " of " + num(total) + " violations are listed here."
                : "全 " + num(total) + " 件のうち、最初の " + num(shown) + " 件を載せています。";
    }

    /**
     * The note under a shortened timeline: how many more there are and where the full list is;
     * {@code csv} and {@code json} are the (HTML) links to the two files.
     */
    static String timelineMore(int more, String csv, String json, Lang lang) {
        return lang == Lang.EN
                ? "…and " + num(more) + " more — the full list is in the " + csv + " and the " + json + "."
                : "ほか " + num(more) + " 件 — 全件の一覧は " + csv + " と " + json + " にあります。";
    }

    private static String num(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** {@code door:front} → ドア front / Door front, {@code pc:PC-01} → パソコン PC-01 / Computer PC-01, and so on; anything else as it is. */
    static String subject(String subject, Lang lang) {
        if (subject == null) {
            return "";
        }
        int colon = subject.indexOf(':');
        if (colon <= 0) {
            return subject;
        }
        String id = subject.substring(colon + 1);
        String kind = switch (subject.substring(0, colon)) {
            case "door" -> lang == Lang.EN ? "Door" : "ドア";
            case "pc" -> lang == Lang.EN ? "Computer" : "パソコン";
            case "zone" -> lang == Lang.EN ? "Area" : "エリア";
            case "site" -> lang == Lang.EN ? "Site" : "拠点";
            default -> null;
        };
        return kind == null ? subject : kind + " " + id;
    }
}
