package org.officeguard.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The day's violations as a CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the
 * file as Shift_JIS and garbles Japanese), RFC 4180 (CRLF, fields with a comma, quote, CR or LF
 * quoted, quotes doubled), one header row, then one row per violation in report order.
 *
 * <p>Columns (the headers and the words in the cells in the report's language, Japanese by default; in English
 * Date, Time, Habit, Rule name, Name, Department, Kind, Badge, Subject, Meaning, Rule, Details, Timestamp, ID and
 * Let through by the reader): 日付 and 時刻 (local; Excel reads
 * them as a date and a time), 区分 (the guideline habit), ルール名 (the rule in plain Japanese), 氏名,
 * 部署, 種別 (社員 / 来訪者 / 不明), バッジ, 対象 (the subject as in §5), 内容 (what the rule means),
 * ルール (the rule code), 詳細 (the details as JSON), 日時 (ISO-8601 with the site offset, as in the
 * JSON), ID and ドアが通した ({@code true} when the door's reader let the holder through a passage the site
 * refuses, SPEC §3's {@code details.grantedByDevice}; else {@code false}; last, so the other columns keep
 * their places).
 *
 * <p>A cell that starts with {@code = + - @}, a tab or a CR gets a leading apostrophe, so that a name
 * typed at reception cannot run as an Excel formula (CSV injection).
 */
final class CsvReport {

    static final List<String> HEADER = List.of("日付", "時刻", "区分", "ルール名", "氏名", "部署", "種別", "バッジ",
            "対象", "内容", "ルール", "詳細", "日時", "ID", "ドアが通した");
    static final List<String> HEADER_EN = List.of("Date", "Time", "Habit", "Rule name", "Name", "Department", "Kind",
            "Badge", "Subject", "Meaning", "Rule", "Details", "Timestamp", "ID", "Let through by the reader");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private CsvReport() {}

    /** Written through a small buffer straight to bytes: a day of 100,000 violations is some 30 MiB. */
    static byte[] write(ReportModel m, Lang lang) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 360 * m.violations.size());
        bytes.writeBytes(BOM);
        Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
        row(out, lang == Lang.EN ? HEADER_EN : HEADER);
        for (int i = 0; i < m.violations.size(); i++) {
            Violation v = m.violations.get(i);
            ZonedDateTime local = v.ts().atZone(m.zone);
            ReportModel.Who who = m.who(v.badge());
            row(out, List.of(
                    DATE.format(local),
                    TIME.format(local),
                    Texts.habit(v.rule().habit(), lang),
                    Texts.rule(v.rule(), lang),
                    nonNull(who.name()),
                    nonNull(who.department()),
                    kind(who.kind(), lang),
                    nonNull(v.badge()),
                    nonNull(v.subject()),
                    Texts.meaning(v.rule(), lang),
                    v.rule().name(),
                    details(v),
                    TimeFormat.format(v.ts(), m.zone),
                    nonNull(v.id()),
                    String.valueOf(ReportModel.grantedByDevice(v))));
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static String kind(ReportModel.Kind kind, Lang lang) {
        return switch (kind) {
            case EMPLOYEE -> lang == Lang.EN ? "employee" : "社員";
            case VISITOR -> lang == Lang.EN ? "visitor" : "来訪者";
            case UNKNOWN -> lang == Lang.EN ? "unknown" : "不明";
        };
    }

    private static void row(Writer out, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting, after the formula guard. */
    static String field(String value) {
        String s = value;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String details(Violation v) {
        if (v.details().isEmpty()) {
            return "";
        }
        try {
            return Payloads.JSON.writeValueAsString(v.details());
        } catch (JsonProcessingException e) {
            return String.valueOf(v.details());
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
