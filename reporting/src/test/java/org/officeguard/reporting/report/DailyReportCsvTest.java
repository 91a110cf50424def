package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.TestDays.person;
import static org.officeguard.reporting.report.TestDays.site;
import static org.officeguard.reporting.report.TestDays.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

class DailyReportCsvTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void starts_with_a_utf8_byte_order_mark_then_a_header_row_and_ends_every_row_with_crlf() throws Exception {
        byte[] csv = DailyReport.csv(ExampleDayData.day());

        assertArrayEquals(BOM, Arrays.copyOf(csv, 3));
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(csv, 3, csv.length - 3)).toString();
        assertTrue(text.startsWith("日付,時刻,区分,ルール名,氏名,部署,種別,バッジ,対象,内容,ルール,詳細,日時,ID,ドアが通した\r\n"), text);
        assertTrue(text.endsWith("\r\n"));
        assertEquals(14, text.split("\r\n", -1).length - 1, "header + 13 rows, none spanning lines");
    }

    @Test
    void every_violation_of_the_example_day_survives_a_round_trip_in_report_order() {
        DayData day = ExampleDayData.day();
        List<Map<String, String>> rows = Csv.records(DailyReport.csv(day));

        JsonNode json = DailyReport.json(day);
        assertEquals(json.get("violations").size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode v = json.get("violations").get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(v.get("id").asText(), row.get("ID"));
            assertEquals(v.get("rule").asText(), row.get("ルール"));
            assertEquals(v.get("badge").asText(), row.get("バッジ"));
            assertEquals(v.get("subject").asText(), row.get("対象"));
            assertEquals(v.get("ts").asText(), row.get("日時"));
            assertEquals(v.get("ts").asText().substring(0, 10), row.get("日付"));
            assertEquals(v.get("ts").asText().substring(11, 19), row.get("時刻"));
            assertEquals(v.get("details"), readJson(row.get("詳細")));
            assertEquals("false", row.get("ドアが通した"), "the example day's readers let nobody through themselves");
        }
        Map<String, String> first = rows.get(0);
        assertEquals("鈴木 一郎", first.get("氏名"));
        assertEquals("総務", first.get("部署"));
        assertEquals("社員", first.get("種別"));
        assertEquals("営業時間外の入館", first.get("ルール名"));
        assertEquals("部外者の立ち入り制限", first.get("区分"));
        Map<String, String> unknown = rows.get(1);
        assertEquals("X999", unknown.get("バッジ"));
        assertEquals("", unknown.get("氏名"));
        assertEquals("不明", unknown.get("種別"));
    }

    @Test
    void names_with_commas_quotes_newlines_and_japanese_survive_the_round_trip() {
        List<String> names = List.of("山田, 太郎", "佐藤 \"ハナ\" 花子", "鈴木\r\n一郎", "田中\n次郎", "\"", ",", "髙橋 𠮷男");
        List<org.officeguard.core.config.Person> people = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String badge = "E" + (100 + i);
            people.add(person(badge, names.get(i), "部署, \"" + i + "\""));
            violations.add(violation("id-" + i, Rule.LEFT_PC_UNLOCKED, String.format("10:%02d", i), badge, "pc:PC,\"" + i));
        }
        SiteConfig site = site(people, List.of());

        List<Map<String, String>> rows = Csv.records(DailyReport.csv(TestDays.day(site, violations)));

        assertEquals(names.size(), rows.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), rows.get(i).get("氏名"));
            assertEquals("部署, \"" + i + "\"", rows.get(i).get("部署"));
            assertEquals("pc:PC,\"" + i, rows.get(i).get("対象"));
            assertEquals("id-" + i, rows.get(i).get("ID"));
        }
    }

    @Test
    void a_visitor_registered_at_run_time_is_named_in_the_csv() {
        DayData d = new DayData(TestDays.site(), TestDays.DATE, false,
                List.of(violation("1", Rule.VISITOR_PASS_INVALID, "13:00", "V009")), null, Map.of("V009", "来訪 花子"), null);

        Map<String, String> row = Csv.records(DailyReport.csv(d)).get(0);

        assertEquals("来訪 花子", row.get("氏名"));
        assertEquals("来訪者", row.get("種別"));
        assertEquals("", row.get("部署"));
    }

    @Test
    void a_cell_excel_would_run_as_a_formula_gets_a_leading_apostrophe() {
        SiteConfig site = site(List.of(person("E001", "=HYPERLINK(\"http://x\",\"y\")", "+営業"),
                person("E002", "@SUM(A1)", "-1")), List.of());
        List<Map<String, String>> rows = Csv.records(DailyReport.csv(TestDays.day(site, List.of(
                violation("1", Rule.ANTI_PASSBACK, "09:00", "E001"),
                violation("2", Rule.ANTI_PASSBACK, "09:01", "E002")))));

        assertEquals("'=HYPERLINK(\"http://x\",\"y\")", rows.get(0).get("氏名"));
        assertEquals("'+営業", rows.get(0).get("部署"));
        assertEquals("'@SUM(A1)", rows.get(1).get("氏名"));
        assertEquals("'-1", rows.get(1).get("部署"));
    }

    @Test
    void a_day_without_violations_is_the_header_alone() {
        byte[] csv = DailyReport.csv(TestDays.day(List.of()));

        List<List<String>> all = Csv.parse(csv);
        assertEquals(1, all.size());
        assertEquals(CsvReport.HEADER, all.get(0));
    }

    @Test
    void in_english_the_header_and_the_words_are_english_and_the_values_the_same() {
        DayData day = TestDays.day(List.of(violation("1", Rule.LEFT_PC_UNLOCKED, "2026-11-25T12:01:00+09:00",
                "E001")));

        List<List<String>> en = Csv.parse(DailyReport.csv(day, DailyReport.Lang.EN));
        List<List<String>> ja = Csv.parse(DailyReport.csv(day));

        assertEquals(CsvReport.HEADER_EN, en.get(0));
        assertEquals("Date", en.get(0).get(0));
        assertEquals("employee", en.get(1).get(6));
        assertEquals("社員", ja.get(1).get(6));
        for (int column : new int[] {0, 1, 4, 5, 7, 8, 10, 11, 12, 13, 14}) {
            assertEquals(ja.get(1).get(column), en.get(1).get(column), "column " + column + " holds values, not words");
        }
        assertFalse(en.get(1).get(3).equals(ja.get(1).get(3)), "the rule's name is in English");
    }

    @Test
    void the_test_parser_reads_rfc4180_and_refuses_what_is_not() {
        byte[] good = (new String(BOM, StandardCharsets.UTF_8) + "a,\"b,\"\"c\"\"\r\nd\",\r\n\"\",x\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(List.of("a", "b,\"c\"\r\nd", ""), List.of("", "x")), Csv.parse(good));

        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\r\n".getBytes(StandardCharsets.UTF_8)), "no BOM");
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(withBom("a\"b,c\r\n")), "quote in a bare field");
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(withBom("\"a\"b,c\r\n")), "text after a closing quote");
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(withBom("\"ab,c\r\n")), "unclosed quote");
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(withBom("a,b\nc,d\r\n")), "bare LF ends a row");
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(withBom("a,b\r\nc,d")), "last row without CRLF");
        assertThrows(IllegalArgumentException.class, () -> Csv.records(withBom("a,b\r\nc\r\n")), "ragged row");
    }

    private static byte[] withBom(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(BOM, 3 + body.length);
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static JsonNode readJson(String s) {
        try {
            return Payloads.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** A strict RFC 4180 reader for the report's CSV: BOM first, CRLF row ends, quoted fields. */
    static final class Csv {
        private Csv() {}

        static List<List<String>> parse(byte[] bytes) {
            if (bytes.length < 3 || bytes[0] != BOM[0] || bytes[1] != BOM[1] || bytes[2] != BOM[2]) {
                throw new IllegalArgumentException("no UTF-8 byte-order mark");
            }
            String s = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                StringBuilder field = new StringBuilder();
                if (s.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw new IllegalArgumentException("unclosed quote");
                        }
                        char c = s.charAt(i++);
                        if (c == '"') {
                            if (i < s.length() && s.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            field.append(c);
                        }
                    }
                } else {
                    while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
                        if (s.charAt(i) == '"') {
                            throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                        }
                        field.append(s.charAt(i++));
                    }
                }
                row.add(field.toString());
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    if (i == s.length()) {
                        throw new IllegalArgumentException("last row without CRLF");
                    }
                } else if (s.startsWith("\r\n", i)) {
                    i += 2;
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (i >= s.length()) {
                    throw new IllegalArgumentException("last row without CRLF");
                } else {
                    throw new IllegalArgumentException("unexpected character " + (int) s.charAt(i) + " at " + i);
                }
            }
            return rows;
        }

        /** Rows after the header as header → value maps; every row as wide as the header. */
        static List<Map<String, String>> records(byte[] bytes) {
            List<List<String>> all = parse(bytes);
            List<String> header = all.get(0);
            List<Map<String, String>> out = new ArrayList<>();
            for (List<String> row : all.subList(1, all.size())) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row of " + row.size() + " fields under a header of " + header.size());
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), row.get(i));
                }
                out.add(m);
            }
            return out;
        }
    }
}
