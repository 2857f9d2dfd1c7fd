package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.security.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on port 0: keys and roles, runs started and approved, problems, pages, the audit log, the OpenAPI document. */
class ApiIT {

    @TempDir
    static Path dir;
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_call_without_a_valid_key_is_refused_alike_and_audited() throws Exception {
        String revoked = api.app.access().create("old", Role.ADMIN, null).token();
        api.app.access().revoke(revoked.substring(3, 13));
        for (String key : new String[] {null, "", "hk_nope", revoked, api.keys.get(Role.ADMIN) + "x",
                api.keys.get(Role.ADMIN).substring(0, 14) + "A".repeat(43)}) {
            ApiHarness.Answer a = api.call("POST", "/api/v1/runs", key, "{\"campaign\": \"hello\", \"mode\": \"test\"}");
            assertThat(a.status()).as("key %s", key).isEqualTo(401);
            assertThat(a.contentType()).isEqualTo("application/problem+json");
            assertThat(a.json().path("type").asText()).isEqualTo("https://herald.dev/problems/unauthorized");
            assertThat(a.text()).doesNotContain("Exception").doesNotContain("at dev.herald");
        }
        assertThat(api.app.access().audit(null, 50)).anySatisfy(e -> {
            assertThat(e.keyId()).isNull();
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.path()).isEqualTo("/api/v1/runs");
            assertThat(e.address()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void each_role_may_do_what_it_is_for_and_no_more() throws Exception {
        String audience = "{\"name\": \"fans\", \"expression\": \"has(profile.email)\"}";
        String run = "{\"campaign\": \"hello\", \"mode\": \"test\"}";
        Map<Role, List<Integer>> expected = Map.of( // GET /runs, POST /audiences, POST /runs, GET /keys
                Role.VIEWER, List.of(200, 403, 403, 403),
                Role.EDITOR, List.of(200, 201, 403, 403),
                Role.OPERATOR, List.of(200, 403, 202, 403),
                Role.ADMIN, List.of(200, 201, 202, 200));
        for (Role role : Role.values()) {
            List<Integer> got = List.of(api.get("/api/v1/runs", role).status(), api.post("/api/v1/audiences", role, audience).status(),
                    api.post("/api/v1/runs", role, run).status(), api.get("/api/v1/keys", role).status());
            assertThat(got).as(role.id()).isEqualTo(expected.get(role));
        }
        ApiHarness.Answer refused = api.post("/api/v1/runs", Role.VIEWER, run);
        assertThat(refused.json().path("title").asText()).isEqualTo("a key of role viewer may not do this: it needs the role operator or admin");
    }

    @Test
    void a_test_run_started_by_name_runs_in_the_server_and_its_status_shows_each_transition() throws Exception {
        ApiHarness.Answer started = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"test\"}");
        assertThat(started.status()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        assertThat(started.json().path("href").asText()).isEqualTo("/api/v1/runs/" + id);

        JsonNode status = api.settled(id);
        assertThat(status.at("/run/status").asText()).isEqualTo("finished");
        assertThat(status.at("/run/mode").asText()).isEqualTo("test");
        assertThat(status.at("/activities/everyone/status").asText()).isEqualTo("done");
        assertThat(status.at("/activities/everyone/rowsOut").asLong()).isEqualTo(2);
        assertThat(status.path("transitions").size()).isPositive();
        assertThat(api.get("/api/v1/runs/" + id + "/log", Role.VIEWER).json().path("items").size()).isPositive();
        assertThat(api.app.access().audit(null, 100)).anySatisfy(e -> assertThat(e.detail())
                .isEqualTo("started run " + id + " of campaigns/hello.yaml (test)"));

        JsonNode sql = api.get("/api/v1/runs/" + id + "/sql?activity=everyone", Role.VIEWER).json();
        assertThat(sql.path("everyone").asText()).containsIgnoringCase("select").contains("email");
        assertThat(api.get("/api/v1/runs/" + id + "/sql?activity=evryone", Role.VIEWER).json().toString()).contains("did you mean 'everyone'?");
        JsonNode rows = api.get("/api/v1/runs/" + id + "/transitions/everyone.out/rows?fields=email,first_name&limit=1", Role.VIEWER).json();
        assertThat(rows.path("count").asLong()).isEqualTo(2);
        assertThat(rows.path("columns").toString()).contains("email").contains("first_name");
        assertThat(rows.path("rows").size()).isEqualTo(1);
        assertThat(rows.at("/rows/0").toString()).contains("@example.com");
        assertThat(api.get("/api/v1/runs/" + id + "/transitions/everyone.out/rows?fields=emial", Role.VIEWER).status()).isEqualTo(422);
    }

    @Test
    void a_live_run_waits_for_approval_and_sends_once_approved() throws Exception {
        ApiHarness.Answer started = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"live\"}");
        long id = started.json().path("id").asLong();
        JsonNode waiting = api.settled(id);
        assertThat(waiting.at("/run/status").asText()).isEqualTo("suspended");
        assertThat(waiting.path("awaitingApproval").toString()).isEqualTo("[\"mail\"]");
        assertThat(api.post("/api/v1/runs/" + id + "/deliveries/everyone/approve", Role.OPERATOR, null).status()).isEqualTo(404);

        assertThat(api.post("/api/v1/runs/" + id + "/deliveries/mail/approve", Role.OPERATOR, null).status()).isEqualTo(202);
        assertThat(api.settled(id, "suspended").at("/run/status").asText()).isEqualTo("finished");
        JsonNode report = api.get("/api/v1/runs/" + id + "/deliveries/mail/report", Role.VIEWER).json();
        assertThat(report.at("/messages/messages").toString()).isEqualTo("{\"sent\":2}");
        assertThat(api.app.store().dsl().fetchValue("select count(*) from herald_outbox")).as("each message left once").isEqualTo(2L);
    }

    @Test
    void wrong_requests_are_problems_with_their_path_and_never_a_stack_trace() throws Exception {
        ApiHarness.Answer unknown = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"test\", \"colour\": \"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/message").asText()).startsWith("unknown field 'colour' (fields: approve, campaign, document");

        ApiHarness.Answer badDocument = api.post("/api/v1/campaigns/validate", Role.VIEWER,
                "{\"document\": \"id: x\\nname: X\\nactivities:\\n  - id: a\\n    type: build-audiance\\n    expression: nope(\"}");
        assertThat(badDocument.status()).isEqualTo(422);
        assertThat(badDocument.json().at("/type").asText()).isEqualTo("https://herald.dev/problems/invalid");
        assertThat(badDocument.json().at("/errors/0/path").asText()).startsWith("activities");

        assertThat(api.get("/api/v1/runs/999999", Role.VIEWER).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/runs/1%20OR%201=1", Role.VIEWER).json().at("/type").asText()).isEqualTo("https://herald.dev/problems/not-found");
        assertThat(api.get("/api/v1/nothing/here", Role.VIEWER).json().at("/type").asText()).isEqualTo("https://herald.dev/problems/no-route");
        assertThat(api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"../herald\", \"mode\": \"test\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"nope\", \"mode\": \"test\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"loud\"}").json().at("/errors/0/path").asText())
                .isEqualTo("mode");
        ApiHarness.Answer notJson = api.post("/api/v1/audiences/count", Role.VIEWER, "{\"expression\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text()).doesNotContain("Exception").doesNotContain("at com.fasterxml");
    }

    @Test
    void hostile_values_reach_sql_only_as_bound_values() throws Exception {
        for (String hostile : new String[] {"x' OR 1=1 --", "\"; DROP TABLE profile; --", "🦠\\u0000", "%' OR '%'='"}) {
            String body = "{\"expression\": \"profile.email == vars.v\", \"variables\": {\"v\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(hostile) + "}}";
            ApiHarness.Answer a = api.post("/api/v1/audiences/count", Role.VIEWER, body);
            assertThat(a.status()).as(hostile).isEqualTo(200);
            assertThat(a.json().path("count").asLong()).isZero();
        }
        assertThat(api.post("/api/v1/audiences/count", Role.VIEWER, "{\"expression\": \"has(profile.email)\"}").json().path("count").asLong())
                .as("the table is still there").isEqualTo(2);
        ApiHarness.Answer broken = api.post("/api/v1/audiences/count", Role.VIEWER, "{\"expression\": \"profile.emial == 1\"}");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().toString()).contains("email");
    }

    @Test
    void lists_come_in_pages_with_a_cursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            api.settled(api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"test\"}").json().path("id").asLong());
        }
        List<Long> all = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/runs?limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), Role.VIEWER).json();
            page.path("items").forEach(r -> all.add(r.path("id").asLong()));
            cursor = page.path("next_cursor").isNull() ? "" : page.path("next_cursor").asText();
            pages++;
        } while (!cursor.isEmpty() && pages < 100);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/v1/runs?limit=0", Role.VIEWER).status()).isEqualTo(400);
    }

    @Test
    void a_key_made_over_the_api_opens_it_until_it_is_revoked() throws Exception {
        ApiHarness.Answer made = api.post("/api/v1/keys", Role.ADMIN, "{\"name\": \"CRM sync\", \"role\": \"viewer\", \"expires\": \"30d\"}");
        assertThat(made.status()).isEqualTo(201);
        String token = made.json().path("token").asText();
        String id = made.json().at("/key/id").asText();
        assertThat(api.call("GET", "/api/v1/runs", token, null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/keys", Role.ADMIN).text()).contains(id).doesNotContain(token.substring(14));

        assertThat(api.call("DELETE", "/api/v1/keys/" + id, Role.ADMIN, null).status()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/runs", token, null).status()).isEqualTo(401);
        JsonNode audit = api.get("/api/v1/audit?limit=500", Role.ADMIN).json().path("items");
        assertThat(audit.toString()).contains("made key " + id + " (viewer, CRM sync)").contains("revoked key " + id)
                .doesNotContain(token.substring(14));
    }

    @Test
    void suppression_and_consent_change_who_gets_messages_and_say_which_key_changed_them() throws Exception {
        assertThat(api.post("/api/v1/suppressions", Role.VIEWER, "{\"channel\": \"email\", \"addresses\": [\"ann@example.com\"]}").status())
                .isEqualTo(403);
        ApiHarness.Answer added = api.post("/api/v1/suppressions", Role.EDITOR,
                "{\"channel\": \"email\", \"addresses\": [\"ann@example.com\", \"x' OR 1=1 --\"], \"note\": \"asked by phone\"}");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.json().path("added").asInt()).isEqualTo(2);
        assertThat(api.post("/api/v1/suppressions", Role.EDITOR, "{\"channel\": \"email\", \"addresses\": [\"ann@example.com\"]}")
                .json().path("already").asInt()).isEqualTo(1);
        JsonNode listed = api.get("/api/v1/suppressions?channel=email", Role.VIEWER).json();
        assertThat(listed.path("total").asLong()).isEqualTo(2);
        assertThat(listed.toString()).contains("ann@example.com").contains("asked by phone").contains("api key " + api.keys.get(Role.EDITOR).substring(3, 13));
        assertThat(api.get("/api/v1/recipients/1/eligibility?channel=email", Role.VIEWER).json().path(0).path("exclusion").asText())
                .isEqualTo("suppressed");

        assertThat(api.call("DELETE", "/api/v1/suppressions/email/ann%40example.com", Role.EDITOR, null).status()).isEqualTo(200);
        assertThat(api.call("DELETE", "/api/v1/suppressions/email/ann%40example.com", Role.EDITOR, null).status()).isEqualTo(404);
        assertThat(api.call("DELETE", "/api/v1/suppressions/email/x'%20OR%201=1%20--", Role.EDITOR, null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/recipients/1/eligibility?channel=email", Role.VIEWER).json().path(0).path("exclusion").isNull()).isTrue();

        ApiHarness.Answer left = api.post("/api/v1/recipients/2/consent", Role.EDITOR, "{\"channel\": \"email\", \"subscribed\": false}");
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        assertThat(api.get("/api/v1/recipients/2/eligibility?channel=email", Role.VIEWER).json().path(0).path("exclusion").asText())
                .isEqualTo("unsubscribed");
        JsonNode said = api.get("/api/v1/recipients/2/consent", Role.VIEWER).json();
        assertThat(said.path(0).path("subscribed").asBoolean(true)).isFalse();
        assertThat(said.path(0).path("source").asText()).startsWith("api key ");
        api.post("/api/v1/recipients/2/consent", Role.EDITOR, "{\"channel\": \"email\", \"subscribed\": true}");
        assertThat(api.get("/api/v1/recipients/2/eligibility?channel=email", Role.VIEWER).json().path(0).path("exclusion").isNull()).isTrue();

        ApiHarness.Answer typo = api.get("/api/v1/recipients/1/eligibility?channel=emial", Role.VIEWER);
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("channel");
        assertThat(typo.json().at("/errors/0/message").asText()).contains("email");
        ApiHarness.Answer nobody = api.post("/api/v1/recipients/99/consent", Role.EDITOR, "{\"channel\": \"email\", \"subscribed\": true}");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().at("/errors/0/message").asText()).isEqualTo("no profile with id '99'");
        ApiHarness.Answer notANumber = api.post("/api/v1/recipients/x/consent", Role.EDITOR, "{\"channel\": \"email\", \"subscribed\": true}");
        assertThat(notANumber.status()).as("a key that is not a whole number").isEqualTo(422);
        assertThat(notANumber.json().at("/errors/0/path").asText()).isEqualTo("key");
        ApiHarness.Answer topic = api.post("/api/v1/recipients/1/consent", Role.EDITOR,
                "{\"channel\": \"email\", \"topic\": \"newsleter\", \"subscribed\": true}");
        assertThat(topic.status()).isEqualTo(422);
        assertThat(topic.json().at("/errors/0/path").asText()).isEqualTo("topic");
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString()).contains("suppressed 2 email address(es), 2 new")
                .contains("unsubscribed a recipient from email");
    }

    @Test
    void the_schema_is_read_planned_and_applied_by_an_admin_only() throws Exception {
        JsonNode schema = api.get("/api/v1/schema", Role.VIEWER).json();
        assertThat(schema.path("dimension").asText()).isEqualTo("profile");
        JsonNode profile = null;
        for (JsonNode e : schema.path("entities")) {
            if (e.path("name").asText().equals("profile")) {
                profile = e;
            }
        }
        assertThat(profile).isNotNull();
        assertThat(profile.path("key").toString()).isEqualTo("[\"id\"]");
        assertThat(profile.path("fields").toString()).contains("{\"name\":\"email\",\"type\":\"string\"}");
        assertThat(api.get("/api/v1/schema/plan", Role.VIEWER).json().path("up_to_date").asBoolean()).isTrue();

        Path file = dir.resolve(dev.herald.workspace.Workspace.SCHEMA_FILE);
        String before = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, before.replace("      email: string\n", "      email: string\n      nickname: string\n"));
        try {
            JsonNode plan = api.get("/api/v1/schema/plan", Role.VIEWER).json();
            assertThat(plan.path("changes").toString()).contains("add field 'profile.nickname'");
            assertThat(api.post("/api/v1/schema/apply", Role.EDITOR, "{}").status()).isEqualTo(403);
            ApiHarness.Answer applied = api.post("/api/v1/schema/apply", Role.ADMIN, "{}");
            assertThat(applied.status()).as(applied.text()).isEqualTo(200);
            assertThat(applied.json().path("changes").size()).isEqualTo(1);
            assertThat(api.get("/api/v1/schema/plan", Role.VIEWER).json().path("up_to_date").asBoolean()).isTrue();

            java.nio.file.Files.writeString(file, before.replace("      email: string\n", "      email: strng\n      nickname: string\n"));
            ApiHarness.Answer broken = api.get("/api/v1/schema", Role.VIEWER);
            assertThat(broken.status()).isEqualTo(422);
            assertThat(broken.json().at("/errors/0/path").asText()).contains("profile").contains("email");
        } finally {
            java.nio.file.Files.writeString(file, before.replace("      email: string\n", "      email: string\n      nickname: string\n"));
        }
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString()).contains("applied the schema: 1 change(s)");
    }

    @Test
    void a_campaign_is_published_in_versions_only_when_its_yaml_changes() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String first = ApiHarness.CAMPAIGN.replace("id: hello", "id: promo").replace("name: Hello", "name: Promo");
        String body = json.writeValueAsString(Map.of("document", first));
        assertThat(api.post("/api/v1/campaigns", Role.VIEWER, body).status()).isEqualTo(403);
        ApiHarness.Answer published = api.post("/api/v1/campaigns", Role.EDITOR, body);
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        assertThat(published.json().path("version").asInt()).isEqualTo(1);
        ApiHarness.Answer again = api.post("/api/v1/campaigns", Role.EDITOR, body);
        assertThat(again.status()).as("the same YAML: no new version").isEqualTo(200);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);
        String second = first.replace("subject: \"Hello", "subject: \"Hi");
        assertThat(api.post("/api/v1/campaigns", Role.EDITOR, json.writeValueAsString(Map.of("document", second))).json().path("version").asInt())
                .isEqualTo(2);

        JsonNode versions = api.get("/api/v1/campaigns/promo/versions", Role.VIEWER).json().path("items");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.path(0).path("version").asInt()).isEqualTo(2);
        assertThat(versions.path(0).path("document").asText()).isEqualTo(second);
        assertThat(versions.path(1).path("document").asText()).isEqualTo(first);
        assertThat(api.get("/api/v1/campaigns", Role.VIEWER).json().toString()).contains("\"campaign\":\"promo\",\"version\":2");
        assertThat(api.get("/api/v1/campaigns/nope/versions", Role.VIEWER).status()).isEqualTo(404);

        ApiHarness.Answer broken = api.post("/api/v1/campaigns", Role.EDITOR,
                json.writeValueAsString(Map.of("document", first.replace("has(profile.email)", "has(profile.emial)"))));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().at("/errors/0/path").asText()).contains("activities[0]");
        assertThat(api.get("/api/v1/campaigns/promo/versions", Role.VIEWER).json().path("items").size()).as("nothing published").isEqualTo(2);
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString()).contains("published promo version 2");
    }

    @Test
    void an_archived_campaign_leaves_the_list_and_starts_no_run_until_restored() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String weekly = ApiHarness.CAMPAIGN.replace("id: hello", "id: weekly").replace("name: Hello",
                "name: Weekly\nschedule: { cron: \"0 9 * * MON\", zone: Europe/Paris }");
        assertThat(api.post("/api/v1/campaigns", Role.EDITOR, json.writeValueAsString(Map.of("document", weekly))).status()).isEqualTo(201);
        JsonNode listed = find(api.get("/api/v1/campaigns", Role.VIEWER).json(), "weekly");
        assertThat(listed.path("schedule").asText()).isEqualTo("cron \"0 9 * * MON\" (Europe/Paris)");
        java.time.ZonedDateTime next = java.time.Instant.parse(listed.path("nextRunAt").asText()).atZone(java.time.ZoneId.of("Europe/Paris"));
        assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(next.getHour()).isEqualTo(9);
        assertThat(next.toInstant()).isBetween(java.time.Instant.now(), java.time.Instant.now().plus(java.time.Duration.ofDays(7)));

        assertThat(api.post("/api/v1/campaigns/weekly/archive", Role.OPERATOR, "{}").status()).isEqualTo(403);
        ApiHarness.Answer archived = api.post("/api/v1/campaigns/weekly/archive", Role.EDITOR, "{}");
        assertThat(archived.status()).as(archived.text()).isEqualTo(200);
        assertThat(archived.json().path("archived").asBoolean()).isTrue();
        assertThat(archived.json().path("nextRunAt").isNull()).as("an archived campaign's schedule starts nothing").isTrue();
        assertThat(find(api.get("/api/v1/campaigns", Role.VIEWER).json(), "weekly")).isNull();
        assertThat(find(api.get("/api/v1/campaigns?archived=true", Role.VIEWER).json(), "weekly")).isNotNull();
        assertThat(api.get("/api/v1/campaigns?archived=maybe", Role.VIEWER).status()).isEqualTo(400);
        ApiHarness.Answer refused = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"weekly\", \"mode\": \"test\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().toString()).contains("campaign weekly is archived").contains("POST /api/v1/campaigns/weekly/restore");
        assertThat(api.post("/api/v1/campaigns/weekly/archive", Role.EDITOR, "{}").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/campaigns/nope/archive", Role.EDITOR, "{}").status()).isEqualTo(404);

        assertThat(api.post("/api/v1/campaigns/weekly/restore", Role.EDITOR, "{}").status()).isEqualTo(200);
        assertThat(find(api.get("/api/v1/campaigns", Role.VIEWER).json(), "weekly").path("nextRunAt").asText()).isNotEmpty();
        assertThat(api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"weekly\", \"mode\": \"test\"}").status()).isEqualTo(202);
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString()).contains("archived campaign weekly")
                .contains("restored campaign weekly");

        ApiHarness.Answer copy = api.post("/api/v1/campaigns/weekly/duplicate", Role.EDITOR, "{\"id\": \"weekly_copy\", \"name\": \"Weekly (copy)\"}");
        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        assertThat(copy.json().path("archived").asBoolean()).as("a copy with a schedule starts nothing until restored").isTrue();
        String copied = api.get("/api/v1/campaigns/weekly_copy/versions", Role.VIEWER).json().at("/items/0/document").asText();
        assertThat(copied).isEqualTo(weekly.replace("id: weekly", "id: \"weekly_copy\"").replace("name: Weekly", "name: \"Weekly (copy)\""));
        assertThat(api.post("/api/v1/campaigns/weekly/duplicate", Role.EDITOR, "{\"id\": \"weekly_copy\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/campaigns/weekly/duplicate", Role.EDITOR, "{\"id\": \"bad id!\"}").status()).isEqualTo(422);
    }

    @Test
    void every_list_comes_in_pages_that_follow_their_cursor_and_filters_narrow_it() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String id : List.of("paged_c", "paged_a", "paged_b")) {
            String doc = ApiHarness.CAMPAIGN.replace("id: hello", "id: " + id).replace("name: Hello", "name: Paged " + id.toUpperCase());
            assertThat(api.post("/api/v1/campaigns", Role.EDITOR, json.writeValueAsString(Map.of("document", doc))).status()).isEqualTo(201);
        }
        assertThat(walk("/api/v1/campaigns?q=PAGED_&limit=2", "campaign")).containsExactly("paged_a", "paged_b", "paged_c");
        assertThat(walk("/api/v1/campaigns?q=paged%20paged_b", "campaign")).as("by name, in any case").containsExactly("paged_b");
        assertThat(walk("/api/v1/campaigns?q=paged_&scheduled=true", "campaign")).isEmpty();
        for (int v = 2; v <= 3; v++) {
            String doc = ApiHarness.CAMPAIGN.replace("id: hello", "id: paged_a").replace("name: Hello", "name: Paged v" + v);
            assertThat(api.post("/api/v1/campaigns", Role.EDITOR, json.writeValueAsString(Map.of("document", doc))).status()).isEqualTo(201);
        }
        assertThat(walk("/api/v1/campaigns/paged_a/versions?limit=1", "version")).containsExactly("3", "2", "1");

        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"paged_b\", \"mode\": \"test\"}").json().path("id").asLong();
            api.settled(id);
            runs.add(0, Long.toString(id));
        }
        assertThat(walk("/api/v1/runs?campaign=paged_b&limit=2", "id")).containsExactlyElementsOf(runs);
        assertThat(walk("/api/v1/runs?campaign=paged_b&status=finished&mode=test", "id")).containsExactlyElementsOf(runs);
        assertThat(walk("/api/v1/runs?campaign=paged_b&mode=live", "id")).isEmpty();
        assertThat(api.get("/api/v1/runs?status=done", Role.VIEWER).json().at("/errors/0/message").asText()).startsWith("'done' is not a run status");
        assertThat(api.get("/api/v1/runs?mode=both", Role.VIEWER).status()).isEqualTo(400);
        List<String> log = walk("/api/v1/runs/" + runs.get(0) + "/log?limit=1", "message");
        assertThat(log).hasSizeGreaterThan(1)
                .containsExactlyElementsOf(walk("/api/v1/runs/" + runs.get(0) + "/log", "message"));

        api.post("/api/v1/suppressions", Role.EDITOR, "{\"channel\": \"sms\", \"addresses\": [\"+33600000001\", \"+33600000002\", "
                + "\"+33600000003\", \"+33600000004\", \"+33600000005\"]}");
        List<String> listed = walk("/api/v1/suppressions?channel=sms&limit=2", "address");
        assertThat(listed).as("each entry once, though all five were added in one moment")
                .containsExactlyInAnyOrder("+33600000001", "+33600000002", "+33600000003", "+33600000004", "+33600000005");
        assertThat(api.get("/api/v1/suppressions?channel=sms&address=%20%2B33600000003&limit=1", Role.VIEWER).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(walk("/api/v1/suppressions?channel=sms&reason=hard_bounce", "address")).isEmpty();
        assertThat(api.get("/api/v1/suppressions?reason=bounced", Role.VIEWER).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/suppressions?cursor=x'%20OR%201=1", Role.VIEWER).json().at("/errors/0/path").asText()).isEqualTo("cursor");

        for (String name : List.of("paged_fans", "paged_all", "paged_vips")) {
            api.post("/api/v1/audiences", Role.EDITOR, "{\"name\": \"" + name + "\", \"expression\": \"has(profile.email)\"}");
        }
        assertThat(walk("/api/v1/audiences?q=paged_&limit=2", "name")).containsExactly("paged_all", "paged_fans", "paged_vips");

        List<String> keys = walk("/api/v1/keys?limit=1", "id");
        assertThat(keys).doesNotHaveDuplicates().containsExactlyElementsOf(walk("/api/v1/keys", "id"));
        assertThat(walk("/api/v1/keys?role=viewer&active=true", "id")).contains(api.keys.get(Role.VIEWER).substring(3, 13))
                .doesNotContain(api.keys.get(Role.ADMIN).substring(3, 13));
        String editor = api.keys.get(Role.EDITOR).substring(3, 13);
        assertThat(api.get("/api/v1/audit?key=" + editor + "&limit=500", Role.ADMIN).json().path("items"))
                .allSatisfy(e -> assertThat(e.path("keyId").asText()).isEqualTo(editor)).isNotEmpty();
    }

    @Test
    void an_admin_rotates_the_link_key_and_the_next_links_are_signed_with_it() throws Exception {
        JsonNode before = api.get("/api/v1/link-keys", Role.ADMIN).json();
        assertThat(api.post("/api/v1/link-keys/rotate", Role.EDITOR, "{}").status()).isEqualTo(403);
        ApiHarness.Answer rotated = api.post("/api/v1/link-keys/rotate", Role.ADMIN, "{}");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        int signing = rotated.json().path("signing").asInt();
        assertThat(signing).isEqualTo(before.path("signing").asInt() + 1);
        assertThat(rotated.json().path("ids").toString()).contains(Integer.toString(signing)).contains(before.path("signing").asText());
        assertThat(api.app.access().linkKeys().signing()).as("this server signs with it at once").isEqualTo(signing);
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString()).contains("rotated the link key: key " + signing + " signs");
    }

    /** Every item's {@code field} of a list, page after page, following next_cursor; no page is longer than its limit. */
    private static List<String> walk(String path, String field) throws Exception {
        List<String> values = new ArrayList<>();
        String cursor = null;
        java.util.regex.Matcher limit = java.util.regex.Pattern.compile("limit=(\\d+)").matcher(path);
        int most = limit.find() ? Integer.parseInt(limit.group(1)) : Integer.MAX_VALUE;
        for (int pages = 0; pages < 100; pages++) {
            ApiHarness.Answer page = api.get(path + (cursor == null ? "" : (path.contains("?") ? "&" : "?") + "cursor="
                    + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)), Role.ADMIN);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(most);
            page.json().path("items").forEach(item -> values.add(item.path(field).asText()));
            if (page.json().path("next_cursor").isNull() || page.json().path("next_cursor").isMissingNode()) {
                return values;
            }
            cursor = page.json().path("next_cursor").asText();
        }
        throw new AssertionError(path + ": more than 100 pages");
    }

    @Test
    void a_suppression_list_uploaded_whole_loads_every_good_row_and_rejects_the_others_with_their_line() throws Exception {
        String csv = "address,channel,note\n  Zed@Example.com ,,from the CRM\n,email,\nfax@example.com,fax,\n+33611111111,sms,\n";
        ApiHarness.Answer loaded = api.call("POST", "/api/v1/suppressions/import", Role.EDITOR, csv);
        assertThat(loaded.status()).as(loaded.text()).isEqualTo(200);
        assertThat(loaded.json().path("rows").asLong()).isEqualTo(4);
        assertThat(loaded.json().path("suppressed").asLong()).isEqualTo(2);
        assertThat(loaded.json().path("rejects").toString()).contains("{\"line\":3,\"column\":\"address\",\"reason\":\"empty\"}")
                .contains("\"line\":4,\"column\":\"channel\"");
        JsonNode zed = api.get("/api/v1/suppressions?channel=email&address=zed@example.com", Role.VIEWER).json().at("/items/0");
        assertThat(zed.path("reason").asText()).isEqualTo("import");
        assertThat(zed.path("detail").asText()).isEqualTo("from the CRM");
        assertThat(zed.path("source").asText()).isEqualTo("api import by key " + api.keys.get(Role.EDITOR).substring(3, 13));
        assertThat(api.get("/api/v1/suppressions?channel=sms&address=%2B33611111111", Role.VIEWER).json().path("total").asLong()).isEqualTo(1);

        assertThat(api.call("POST", "/api/v1/suppressions/import", Role.VIEWER, csv).status()).isEqualTo(403);
        ApiHarness.Answer headless = api.call("POST", "/api/v1/suppressions/import?channel=sms", Role.EDITOR, "email\nann@example.com\n");
        assertThat(headless.status()).isEqualTo(422);
        assertThat(headless.json().toString()).contains("the upload:1: the header names no address column").doesNotContain("data/uploads");
        assertThat(api.call("POST", "/api/v1/suppressions/import?channel=fax", Role.EDITOR, csv).status()).isEqualTo(422);
        try (var left = java.nio.file.Files.list(api.app.workspace().uploadsDir())) {
            assertThat(left.toList()).as("nothing left in data/uploads").isEmpty();
        }
    }

    private static JsonNode find(JsonNode page, String campaign) {
        for (JsonNode c : page.path("items")) {
            if (c.path("campaign").asText().equals(campaign)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void records_are_written_exactly_or_rejected_with_their_path_and_visible_to_targeting_at_once() throws Exception {
        String batch = """
                {"records": [
                  {"id": 501, "sku": "A-1", "name": "Caf\u00e9 \\"cr\u00e8me\\"", "brand": "Acme", "price": 12345678.90},
                  {"id": 502, "sku": "A-2", "name": "Tea", "brand": "Acme", "price": "cheap"},
                  {"id": 503, "sku": "A-3", "name": null, "brand": "Acme", "price": 0.10}
                ]}""";
        assertThat(api.post("/api/v1/records/product", Role.VIEWER, batch).status()).isEqualTo(403);
        ApiHarness.Answer written = api.post("/api/v1/records/product", Role.EDITOR, batch);
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        assertThat(written.json().path("inserted").asLong()).isEqualTo(2);
        assertThat(written.json().path("rejected").asLong()).isEqualTo(1);
        assertThat(written.json().at("/rejects/0/path").asText()).isEqualTo("records[1].price");
        assertThat(written.json().at("/rejects/0/reason").asText()).contains("not a valid decimal(10,2)");
        JsonNode cafe = api.get("/api/v1/records/product/501", Role.VIEWER).json();
        assertThat(cafe.path("name").asText()).isEqualTo("Café \"crème\"");
        assertThat(cafe.path("price").decimalValue()).isEqualByComparingTo("12345678.90");
        String count = "{\"expression\": \"product.brand == 'Acme'\", \"dimension\": \"product\"}";
        assertThat(api.post("/api/v1/audiences/count", Role.VIEWER, count).json().path("count").asLong()).as("visible at once").isEqualTo(2);

        ApiHarness.Answer upserted = api.post("/api/v1/records/product", Role.EDITOR,
                "{\"records\": [{\"id\": 503, \"sku\": \"A-3\", \"brand\": \"Other\", \"price\": 1}], \"mode\": \"upsert\"}");
        assertThat(upserted.json().path("updated").asLong()).isEqualTo(1);
        ApiHarness.Answer partial = api.post("/api/v1/records/product", Role.EDITOR,
                "{\"records\": [{\"id\": 503, \"brand\": \"Third\", \"price\": 2}, {\"id\": 501, \"price\": 3}]}");
        assertThat(partial.json().path("updated").asLong()).isEqualTo(1);
        assertThat(partial.json().at("/rejects/0/path").asText()).isEqualTo("records[1]");
        assertThat(partial.json().at("/rejects/0/reason").asText()).startsWith("it does not name brand, which other records name");
        assertThat(api.get("/api/v1/records/product/501", Role.VIEWER).json().path("brand").asText()).as("kept, not emptied").isEqualTo("Acme");
        assertThat(api.post("/api/v1/audiences/count", Role.VIEWER, count).json().path("count").asLong()).isEqualTo(1);
        ApiHarness.Answer tooMany = api.post("/api/v1/records/product", Role.EDITOR,
                "{\"records\": [{\"id\": 504, \"price\": \"x\"}, {\"id\": 505}], \"max_errors\": 0}");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().at("/errors/0/path").asText()).isEqualTo("records[0].price");
        assertThat(api.get("/api/v1/records/product/505", Role.VIEWER).status()).as("nothing was changed").isEqualTo(404);
        assertThat(api.post("/api/v1/records/product", Role.EDITOR, "{\"records\": [1]}").json().at("/errors/0/path").asText())
                .isEqualTo("records[0]");
        assertThat(api.post("/api/v1/records/product", Role.EDITOR, "{\"record\": []}").json().at("/errors/0/message").asText())
                .startsWith("unknown field 'record'");
        assertThat(api.post("/api/v1/records/prodcut", Role.EDITOR, batch).json().path("title").asText())
                .contains("no entity 'prodcut' — did you mean 'product'?");

        assertThat(api.call("DELETE", "/api/v1/records/product/501", Role.EDITOR, null).status()).isEqualTo(200);
        assertThat(api.call("DELETE", "/api/v1/records/product/501", Role.EDITOR, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/records/product/abc", Role.VIEWER).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/audit?limit=500", Role.ADMIN).json().toString())
                .contains("wrote records of product: read 3, inserted 2, updated 0, deleted 0, rejected 1").contains("deleted product 501");
    }

    @Test
    void a_whole_file_is_imported_from_the_request_body_past_the_size_of_other_calls_and_exported_back() throws Exception {
        StringBuilder csv = new StringBuilder("id,sku,name,price\n");
        for (int i = 0; i < 4_000; i++) {
            csv.append(10_000 + i).append(",S-").append(i).append(",\"Product, number ").append(i).append("\",").append(i % 100).append(".5\n");
        }
        csv.append("20000,S-bad,bad,not-a-price\n");
        assertThat(csv.length()).as("more than the 64 KiB other calls may send").isGreaterThan(100_000);
        ApiHarness.Answer imported = api.call("POST", "/api/v1/imports/product?mode=insert", Role.EDITOR, csv.toString());
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().path("inserted").asLong()).isEqualTo(4_000);
        assertThat(imported.json().at("/rejects/0/line").asLong()).isEqualTo(4_002);
        assertThat(imported.json().at("/rejects/0/field").asText()).isEqualTo("price");
        assertThat(api.call("POST", "/api/v1/imports/product?format=xml", Role.EDITOR, "x").status()).isEqualTo(400);

        ApiHarness.Answer exported = api.get("/api/v1/exports/product", Role.VIEWER);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.contentType()).startsWith("text/csv");
        assertThat(exported.text()).startsWith("id,sku,name,category,brand,price\n").contains("10007,S-7,\"Product, number 7\",,,7.50\n");
        assertThat(java.nio.file.Files.list(api.app.workspace().uploadsDir()).toList()).as("nothing left in data/uploads").isEmpty();
    }

    @Test
    void a_transactional_message_goes_now_once_per_idempotency_key_and_never_to_a_suppressed_address() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String receipt = ApiHarness.CAMPAIGN.replace("id: hello", "id: receipt").replace("name: Hello", "name: Receipt")
                .replace("subject: \"Hello {{ profile.first_name }}\"", "subject: \"Order {{ vars.order }} for {{ profile.first_name }}\"\n    category: transactional")
                .replace("name: Receipt", "name: Receipt\nvariables: { order: \"none\" }")
                .replace("body: \"Hello {{ profile.first_name }}\"",
                        "body: '<html><body>Hello {{ profile.first_name }} <a href=\"{{ message.view_online_url }}\">online</a></body></html>'");
        assertThat(api.post("/api/v1/campaigns", Role.EDITOR, json.writeValueAsString(Map.of("document", receipt))).status()).isEqualTo(201);
        String ann = "{\"campaign\": \"receipt\", \"activity\": \"mail\", \"recipient\": \"1\", \"variables\": {\"order\": \"A-981\"}}";
        String key = api.keys.get(Role.OPERATOR);

        assertThat(api.post("/api/v1/messages", Role.VIEWER, ann).status()).isEqualTo(403);
        ApiHarness.Answer sent = api.call("POST", "/api/v1/messages", key, ann, Map.of("Idempotency-Key", "order-A-981"));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        assertThat(sent.json().path("status").asText()).isEqualTo("sent");
        assertThat(sent.json().path("address").asText()).isEqualTo("ann@example.com");
        long id = sent.json().path("messageId").asLong();
        assertThat(api.app.store().dsl().fetchValue("select subject from herald_outbox where message_id = ?", id)).isEqualTo("Order A-981 for Ann");
        assertThat(api.app.store().dsl().fetchValue("select count(*) from herald_mirror where message_id = ?", id))
                .as("its view-online mirror, kept with the message").isEqualTo(1L);
        ApiHarness.Answer again = api.call("POST", "/api/v1/messages", key, ann, Map.of("Idempotency-Key", "order-A-981"));
        assertThat(again.status()).as("the same key: the same message, not sent again").isEqualTo(200);
        assertThat(again.json().path("messageId").asLong()).isEqualTo(id);
        assertThat(again.json().path("repeated").asBoolean()).isTrue();
        assertThat(api.app.store().dsl().fetchValue("select category from herald_message where id = ?", id))
                .as("counted against no marketing cap").isEqualTo("transactional");
        ApiHarness.Answer otherRecipient = api.call("POST", "/api/v1/messages", key, ann.replace("\"1\"", "\"2\""),
                Map.of("Idempotency-Key", "order-A-981"));
        assertThat(otherRecipient.status()).as("a key names one message").isEqualTo(409);
        assertThat(otherRecipient.json().path("title").asText()).contains("this Idempotency-Key made message " + id + " of mail to 1");
        assertThat(api.app.store().dsl().fetchValue("select count(*) from herald_outbox where address = 'ann@example.com' and subject like 'Order%'"))
                .isEqualTo(1L);
        assertThat(api.call("POST", "/api/v1/messages", key, ann, Map.of()).json().path("messageId").asLong()).as("no key: a new message")
                .isNotEqualTo(id);
        api.app.store().dsl().execute("update herald_message set status = 'pending' where id = ?", id); // as while its first call sends it
        ApiHarness.Answer inFlight = api.call("POST", "/api/v1/messages", key, ann, Map.of("Idempotency-Key", "order-A-981"));
        assertThat(inFlight.status()).as("a repeat while the first call may still be sending waits for it").isEqualTo(503);
        assertThat(inFlight.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(api.app.store().dsl().fetchValue("select count(*) from herald_outbox where message_id = ?", id)).isEqualTo(1L);
        api.app.store().dsl().execute("update herald_message set status = 'sent' where id = ?", id);

        ApiHarness.Answer noAddress = api.call("POST", "/api/v1/messages", key, ann.replace("\"1\"", "\"3\""), Map.of());
        assertThat(noAddress.status()).isEqualTo(422);
        assertThat(noAddress.json().path("title").asText()).endsWith("was not sent: no_address");
        assertThat(api.post("/api/v1/suppressions", Role.EDITOR, "{\"channel\": \"email\", \"addresses\": [\"bob@example.com\"]}").status())
                .isEqualTo(200);
        try {
            ApiHarness.Answer suppressed = api.call("POST", "/api/v1/messages", key, ann.replace("\"1\"", "\"2\""), Map.of());
            assertThat(suppressed.status()).isEqualTo(422);
            assertThat(suppressed.json().path("title").asText()).endsWith("was not sent: suppressed");
        } finally {
            api.call("DELETE", "/api/v1/suppressions/email/bob@example.com", Role.EDITOR, null);
        }
        assertThat(api.call("POST", "/api/v1/messages", key, ann.replace("\"1\"", "\"404\""), Map.of()).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/messages", key, ann.replace("\"mail\"", "\"everyone\""), Map.of()).json().at("/errors/0/message")
                .asText()).contains("is a build-audience activity");
        assertThat(api.call("POST", "/api/v1/messages", key, ann.replace("\"mail\"", "\"mial\""), Map.of()).json().at("/errors/0/message")
                .asText()).contains("did you mean 'mail'?");
        assertThat(api.call("POST", "/api/v1/messages", key, ann.replace("\"order\"", "\"odrer\""), Map.of()).status()).isEqualTo(422);

        JsonNode report = api.get("/api/v1/runs/" + sent.json().path("runId").asLong() + "/deliveries/mail/report", Role.VIEWER).json();
        assertThat(report.toString()).as("the messages are a delivery like any other").contains("\"sent\":2").contains("no_address");

        String proof = "{\"recipient\": \"1\", \"to\": [\"team@shop.example\", \"qa@shop.example\"], \"variables\": {\"order\": \"P-1\"}}";
        assertThat(api.post("/api/v1/campaigns/receipt/activities/mail/proof", Role.OPERATOR, proof).status()).isEqualTo(403);
        ApiHarness.Answer proofs = api.post("/api/v1/campaigns/receipt/activities/mail/proof", Role.EDITOR, proof);
        assertThat(proofs.status()).as(proofs.text()).isEqualTo(200);
        assertThat(proofs.json().findValuesAsText("status")).containsExactly("sent", "sent");
        assertThat(api.app.store().dsl().fetchValue("select subject from herald_outbox where address = 'qa@shop.example'"))
                .isEqualTo("[Proof] Order P-1 for Ann");
        assertThat(api.get("/api/v1/campaigns/receipt/report", Role.VIEWER).json().at("/engagement/sent").asLong())
                .as("no report counts proofs: the two transactional messages only").isEqualTo(2);
        ApiHarness.Answer badSeed = api.post("/api/v1/campaigns/receipt/activities/mail/proof", Role.EDITOR,
                "{\"recipient\": \"1\", \"to\": [\"team@shop.example\", \"not an address\"]}");
        assertThat(badSeed.status()).isEqualTo(422);
        assertThat(badSeed.json().at("/errors/0/path").asText()).isEqualTo("to[1]");
    }

    @Test
    void metrics_are_prometheus_text_for_a_key_of_any_role() throws Exception {
        long run = api.post("/api/v1/runs", Role.OPERATOR, "{\"campaign\": \"hello\", \"mode\": \"test\"}").json().path("id").asLong();
        api.settled(run);
        api.get("/api/v1/runs/" + run, Role.VIEWER);
        ApiHarness.Answer refused = api.call("GET", "/metrics", (String) null, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).doesNotContain("herald_runs");

        ApiHarness.Answer scraped = api.call("GET", "/metrics", Role.VIEWER, null);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(scraped.text())
                .containsPattern("(?m)^herald_runs\\{status=\"finished\"} [1-9]")
                .containsPattern("(?m)^herald_http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/v1/runs/\\{run}\",status=\"200\"} [1-9]")
                .contains("herald_http_server_requests_seconds_bucket{")
                .containsPattern("(?m)^herald_runs_driven [0-9]")
                .containsPattern("(?m)^herald_tracking_events_queued [0-9]")
                .containsPattern("(?m)^herald_tracking_events_lost_total 0")
                .containsPattern("(?m)^herald_activity_duration_seconds_count\\{outcome=\"done\",type=\"build-audience\"} [1-9]")
                .containsPattern("(?m)^herald_activity_duration_seconds_count\\{outcome=\"done\",type=\"email\"} [1-9]")
                .contains("herald_activity_duration_seconds_bucket{")
                .contains("jvm_memory_used_bytes")
                .doesNotContain("route=\"/api/v1/runs/" + run + "\"");
    }

    @Test
    void the_openapi_document_lists_exactly_the_routes_that_answer() throws Exception {
        ApiHarness.Answer doc = api.call("GET", "/api/openapi.json", (String) null, null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("openapi").asText()).isEqualTo("3.1.0");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.json().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                operations++;
                String concrete = path.getKey().replace("{run}", "999999").replace("{transition}", "everyone.out").replace("{activity}", "mail").replace("{key}", "nokey")
                        .replace("{channel}", "email").replace("{address}", "nobody@example.com").replace("{campaign}", "no_such_campaign")
                        .replace("{entity}", "product");
                ApiHarness.Answer a = api.call(method, "/api/v1" + concrete, Role.ADMIN, method.equals("GET") || method.equals("DELETE") ? null : "{}");
                assertThat(a.json() == null ? "" : a.json().path("type").asText()).as(method + " " + path.getKey())
                        .isNotEqualTo("https://herald.dev/problems/no-route");
                assertThat(a.status()).as(method + " " + path.getKey()).isLessThan(500);
            }
        }
        assertThat(operations).isEqualTo(new Api(api.app).routes().size());
    }
}
