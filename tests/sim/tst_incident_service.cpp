// Shared incidents on the simulator (label incidents): two consoles (two
// client stacks, each with its own channel and token) on one platform see
// each other's timeline entries exactly once, through GetIncident and the
// stream, including entries sent again after a disconnect; the declaration is
// idempotent; a postmortem section edited by two people gives the second a
// visible conflict with the first one's text; milestones out of order are
// refused in words; a viewer cannot write; everything survives a restart of
// the platform on the same incident file.

#include "action_fixture.h"
#include "proto_time.h"
#include "watchfloor/v1/incident.grpc.pb.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <algorithm>
#include <set>

using namespace wfsim::test;
using wfsim::PlatformSettings;
using wfsim::SimulatedPlatform;

namespace {

std::string newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

v1::ErrorDetail detailOf(const grpc::Status& status)
{
    v1::ErrorDetail detail;
    if (!detail.ParseFromString(status.error_details()))
        qWarning("error_details do not parse");
    return detail;
}

v1::ActionContext contextOf(const std::string& key = newId(), const char* reason = "incident work")
{
    v1::ActionContext context;
    context.set_idempotency_key(key);
    context.set_reason(reason);
    return context;
}

void setSeconds(google::protobuf::Timestamp* ts, int64_t seconds)
{
    wfsim::proto_time::setSeconds(ts, seconds);
}

v1::Incident incidentOf(const std::string& id)
{
    v1::Incident i;
    i.set_id(id);
    i.set_severity(v1::INCIDENT_SEVERITY_SEV2);
    i.set_title("Payment authorization drops in eu-west");
    i.add_journeys("payment-authorization");
    i.add_regions("eu-west");
    i.mutable_roles()->set_commander("dana");
    setSeconds(i.mutable_milestones()->mutable_started_at(), kStart - 600);
    return i;
}

v1::TimelineEntry noteOf(const std::string& text, int64_t atSeconds)
{
    v1::TimelineEntry e;
    e.set_id(newId());
    e.set_kind(v1::TIMELINE_ENTRY_KIND_NOTE);
    e.set_source("console");
    setSeconds(e.mutable_at(), atSeconds);
    e.set_text(text);
    return e;
}

// One console's client stack: its own channel, token and stub.
class Console {
public:
    Console(const ActionFixture& sim, v1::Role role) : token_(sim.token(role))
    {
        channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(sim.server->port()),
                                       grpc::InsecureChannelCredentials());
        stub_ = v1::IncidentService::NewStub(channel_);
    }

    v1::IncidentService::Stub* stub() const { return stub_.get(); }

    // Calls `method` with a deadline and this console's token.
    template <typename Request, typename Response>
    grpc::Status call(grpc::Status (v1::IncidentService::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&, Response*),
                      const Request& request, Response* response) const
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, token_);
        return (stub_.get()->*method)(&context, request, response);
    }

    grpc::Status declare(const v1::Incident& incident, v1::DeclareIncidentResponse* response,
                         const std::string& key = newId()) const
    {
        v1::DeclareIncidentRequest request;
        *request.mutable_context() = contextOf(key, "payments failing in eu-west");
        *request.mutable_incident() = incident;
        return call(&v1::IncidentService::Stub::DeclareIncident, request, response);
    }

    v1::GetIncidentResponse get(const std::string& id) const
    {
        v1::GetIncidentRequest request;
        request.set_incident_id(id);
        v1::GetIncidentResponse response;
        const grpc::Status status =
            call(&v1::IncidentService::Stub::GetIncident, request, &response);
        if (!status.ok())
            qWarning("GetIncident: %s", status.error_message().c_str());
        return response;
    }

    grpc::Status append(const std::string& id, const std::vector<v1::TimelineEntry>& entries,
                        v1::AppendTimelineEntriesResponse* response,
                        const std::string& key = newId()) const
    {
        v1::AppendTimelineEntriesRequest request;
        *request.mutable_context() = contextOf(key, "timeline");
        request.set_incident_id(id);
        for (const v1::TimelineEntry& e : entries)
            *request.add_entries() = e;
        return call(&v1::IncidentService::Stub::AppendTimelineEntries, request, response);
    }

    grpc::Status update(const v1::Incident& incident, int64_t expectedVersion,
                        v1::UpdateIncidentResponse* response) const
    {
        v1::UpdateIncidentRequest request;
        *request.mutable_context() = contextOf();
        *request.mutable_incident() = incident;
        request.set_expected_version(expectedVersion);
        return call(&v1::IncidentService::Stub::UpdateIncident, request, response);
    }

    grpc::Status saveSection(const std::string& id, const std::string& key, const std::string& text,
                             int64_t expectedRevision,
                             v1::SavePostmortemSectionResponse* response) const
    {
        v1::SavePostmortemSectionRequest request;
        *request.mutable_context() = contextOf(newId(), "postmortem");
        request.set_incident_id(id);
        request.set_section_key(key);
        request.set_text(text);
        request.set_expected_revision(expectedRevision);
        return call(&v1::IncidentService::Stub::SavePostmortemSection, request, response);
    }

    // A stream reader from (epoch, after) on this console's channel.
    std::unique_ptr<StreamWatcher<v1::IncidentEvent>> watch(const std::string& epoch,
                                                            uint64_t after) const
    {
        return std::make_unique<StreamWatcher<v1::IncidentEvent>>(
            [this, epoch, after](grpc::ClientContext* context) {
                v1::StreamIncidentEventsRequest request;
                request.set_stream_epoch(epoch);
                request.set_resume_after_sequence(after);
                return stub_->StreamIncidentEvents(context, request);
            });
    }

private:
    std::string token_;
    std::shared_ptr<grpc::Channel> channel_;
    std::unique_ptr<v1::IncidentService::Stub> stub_;
};

// Timeline entry ids in the events, in order (heartbeats and other changes skipped).
std::vector<std::string> entryIds(const std::vector<v1::IncidentEvent>& events)
{
    std::vector<std::string> out;
    for (const v1::IncidentEvent& e : events) {
        if (e.sequence() > 0 && e.has_timeline_entry())
            out.push_back(e.timeline_entry().id());
    }
    return out;
}

std::vector<std::string> timelineIds(const v1::GetIncidentResponse& incident)
{
    std::vector<std::string> out;
    for (const v1::TimelineEntry& e : incident.timeline())
        out.push_back(e.id());
    return out;
}

bool waitForEntries(const StreamWatcher<v1::IncidentEvent>& watcher, size_t count)
{
    return QTest::qWaitFor([&] { return entryIds(watcher.events()).size() >= count; }, 10000);
}

std::multiset<std::string> asSet(const std::vector<std::string>& ids)
{
    return {ids.begin(), ids.end()};
}

PlatformSettings quietSettings()
{
    PlatformSettings settings = settingsFor("quiet-day", 1);
    settings.reconSize = 0;
    return settings;
}

int countActions(const ActionFixture& sim, const std::string& kind, const std::string& suffix = {})
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListAppliedActionsResponse response;
    if (!sim.control->ListAppliedActions(&context, {}, &response).ok())
        return -1;
    int n = 0;
    for (const v1::AppliedAction& a : response.actions()) {
        const std::string& t = a.target();
        const bool endsWith = t.size() >= suffix.size() &&
                              t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0;
        n += a.kind() == kind && (suffix.empty() ? t.find('(') == std::string::npos : endsWith);
    }
    return n;
}

}  // namespace

class TestIncidentService : public QObject {
    Q_OBJECT

private slots:
    void declareIsIdempotent()
    {
        ActionFixture sim(quietSettings());
        const Console console(sim, v1::ROLE_OPERATOR);
        const std::string id = newId();
        const std::string key = newId();
        v1::DeclareIncidentResponse first;
        grpc::Status status = console.declare(incidentOf(id), &first, key);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(first.incident().id(), id);
        QCOMPARE(first.incident().version(), int64_t(1));
        QCOMPARE(first.incident().declared_by(), std::string("operator@sim"));
        QCOMPARE(first.incident().status(), v1::INCIDENT_STATUS_INVESTIGATING);
        QVERIFY(!first.already_declared());
        // The declaration entry has the id the console's own store gives it.
        const std::string declarationId =
            QUuid::createUuidV5(QUuid::fromString(QString::fromStdString(id)),
                                QStringLiteral("declaration"))
                .toString(QUuid::WithoutBraces)
                .toStdString();
        QCOMPARE(first.declaration().id(), declarationId);
        QCOMPARE(first.declaration().kind(), v1::TIMELINE_ENTRY_KIND_DECLARATION);
        QCOMPARE(first.declaration().text(),
                 std::string("Declared SEV-2: Payment authorization drops in eu-west. Journeys: "
                             "payment-authorization. Regions: eu-west."));

        // The same key: the first answer again.
        v1::DeclareIncidentResponse replay;
        QVERIFY(console.declare(incidentOf(id), &replay, key).ok());
        QVERIFY(replay.receipt().replayed());
        QCOMPARE(replay.receipt().action_id(), first.receipt().action_id());
        // A new key (a console that lost its answer and its key): the stored incident.
        v1::DeclareIncidentResponse again;
        QVERIFY(console.declare(incidentOf(id), &again, newId()).ok());
        QVERIFY(again.already_declared());
        QVERIFY(!again.receipt().replayed());
        QCOMPARE(again.incident().SerializeAsString(), first.incident().SerializeAsString());
        QCOMPARE(again.declaration().id(), declarationId);
        // The id with other details: refused.
        v1::Incident other = incidentOf(id);
        other.set_title("Something else");
        v1::DeclareIncidentResponse refused;
        status = console.declare(other, &refused);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).reason(), std::string("INCIDENT_ID_REUSED"));
        QCOMPARE(detailOf(status).metadata().at("declared_by"), std::string("operator@sim"));

        // A lost answer: applied once, the retry with the key is answered from the store.
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::SetFaultsRequest faults;
            faults.set_drop_next_action_responses(1);
            v1::SetFaultsResponse ignored;
            QVERIFY(sim.control->SetFaults(&context, faults, &ignored).ok());
        }
        const std::string second = newId();
        const std::string secondKey = newId();
        v1::DeclareIncidentResponse lost;
        status = console.declare(incidentOf(second), &lost, secondKey);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
        v1::DeclareIncidentResponse retried;
        QVERIFY(console.declare(incidentOf(second), &retried, secondKey).ok());
        QVERIFY(retried.receipt().replayed());
        QCOMPARE(retried.incident().id(), second);

        v1::ListIncidentsRequest list;
        v1::ListIncidentsResponse listed;
        QVERIFY(console.call(&v1::IncidentService::Stub::ListIncidents, list, &listed).ok());
        QCOMPARE(listed.incidents_size(), 2);
        QCOMPARE(listed.page().total_size(), int64_t(2));
        QCOMPARE(listed.stream_epoch(), sim.platform->streamEpoch());
        QVERIFY(listed.up_to_sequence() >= 4);  // two incidents, two declarations
        const v1::GetIncidentResponse stored = console.get(id);
        QCOMPARE(stored.timeline_size(), 1);
        QCOMPARE(stored.timeline(0).id(), declarationId);
        QCOMPARE(stored.postmortem_sections_size(), 10);
        QCOMPARE(stored.postmortem_sections(5).key(), std::string("root_cause"));
        QCOMPARE(stored.postmortem_sections(5).revision(), int64_t(0));
        // The declaring console's own declaration entry, when it sends one.
        v1::DeclareIncidentRequest own;
        *own.mutable_context() = contextOf();
        *own.mutable_incident() = incidentOf(newId());
        v1::TimelineEntry* entry = own.mutable_declaration();
        entry->set_id(newId());
        entry->set_kind(v1::TIMELINE_ENTRY_KIND_DECLARATION);
        setSeconds(entry->mutable_at(), kStart);
        entry->set_text("Declared SEV-2: Payment authorization drops in eu-west.");
        entry->set_source("dana");
        v1::DeclareIncidentResponse ownDeclared;
        QVERIFY(console.call(&v1::IncidentService::Stub::DeclareIncident, own, &ownDeclared).ok());
        QCOMPARE(ownDeclared.declaration().id(), entry->id());
        QCOMPARE(console.get(own.incident().id()).timeline(0).text(), entry->text());
        QCOMPARE(console.get(own.incident().id()).timeline(0).source(), std::string("dana"));

        // Applied three times (the three incidents); the repeat by id is journaled as such.
        QCOMPARE(countActions(sim, "incident.declare"), 3);
        QCOMPARE(countActions(sim, "incident.declare", "(already declared)"), 1);
    }

    void twoConsolesSeeEachOthersEntriesOnce()
    {
        ActionFixture sim(quietSettings());
        const Console a(sim, v1::ROLE_OPERATOR);
        const Console b(sim, v1::ROLE_INCIDENT_COMMANDER);
        const std::string id = newId();
        v1::DeclareIncidentResponse declared;
        QVERIFY(a.declare(incidentOf(id), &declared).ok());

        // Each console loads the incident, then follows the stream from there.
        const v1::GetIncidentResponse loadedA = a.get(id);
        const v1::GetIncidentResponse loadedB = b.get(id);
        QCOMPARE(loadedB.incident().title(), declared.incident().title());
        auto streamA = a.watch(loadedA.stream_epoch(), loadedA.up_to_sequence());
        auto streamB = b.watch(loadedB.stream_epoch(), loadedB.up_to_sequence());

        const std::vector<v1::TimelineEntry> fromA = {
            noteOf("a1: payments-acme errors in eu-west", kStart - 300),
            noteOf("a2: rollback of payments-api considered", kStart - 200),
            noteOf("a3: failover to payments-globex", kStart - 100)};
        std::vector<v1::TimelineEntry> fromB = {
            noteOf("b1: status page still green", kStart - 250),
            noteOf("b2: paging payments on-call", kStart - 150)};
        v1::AppendTimelineEntriesResponse appended;
        QVERIFY(a.append(id, fromA, &appended).ok());
        QCOMPARE(appended.results_size(), 3);
        for (const v1::AppendResult& r : appended.results())
            QCOMPARE(r.outcome(), v1::APPEND_OUTCOME_STORED);
        QCOMPARE(appended.results(0).entry().recorded_by(), std::string("operator@sim"));
        QVERIFY(b.append(id, fromB, &appended).ok());
        QVERIFY(waitForEntries(*streamA, 5));
        QVERIFY(waitForEntries(*streamB, 5));

        // B disconnects; A goes on; B writes while offline.
        const std::vector<v1::IncidentEvent> beforeB = streamB->events();
        streamB.reset();
        uint64_t lastB = loadedB.up_to_sequence();
        for (const v1::IncidentEvent& e : beforeB)
            lastB = std::max<uint64_t>(lastB, e.sequence());
        const std::vector<v1::TimelineEntry> moreA = {noteOf("a4: globex serving", kStart - 50),
                                                      noteOf("a5: errors falling", kStart - 40)};
        QVERIFY(a.append(id, moreA, &appended).ok());
        // B's queue: b1 and b2 again (B never saw their answer, say), b3..b5 new.
        std::vector<v1::TimelineEntry> queue = fromB;
        for (const char* text : {"b3: customers retrying", "b4: support informed", "b5: ok"})
            queue.push_back(noteOf(text, kStart - 30));

        // B reconnects: resumes the stream where it was, then sends its queue.
        // The first answer is lost; the retry with the key gets it.
        streamB = b.watch(loadedB.stream_epoch(), lastB);
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::SetFaultsRequest faults;
            faults.set_drop_next_action_responses(1);
            v1::SetFaultsResponse ignored;
            QVERIFY(sim.control->SetFaults(&context, faults, &ignored).ok());
        }
        const std::string key = newId();
        v1::AppendTimelineEntriesResponse sent;
        QCOMPARE(b.append(id, queue, &sent, key).error_code(), grpc::StatusCode::UNAVAILABLE);
        QVERIFY(b.append(id, queue, &sent, key).ok());
        QVERIFY(sent.receipt().replayed());
        QCOMPARE(sent.results_size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(sent.results(i).entry_id(), queue[static_cast<size_t>(i)].id());
            QCOMPARE(sent.results(i).outcome(),
                     i < 2 ? v1::APPEND_OUTCOME_ALREADY_STORED : v1::APPEND_OUTCOME_STORED);
        }
        // Sent once more (a restarted console, a new key): nothing new.
        QVERIFY(b.append(id, queue, &sent).ok());
        for (const v1::AppendResult& r : sent.results())
            QCOMPARE(r.outcome(), v1::APPEND_OUTCOME_ALREADY_STORED);
        QCOMPARE(sent.results(4).entry().text(), std::string("b5: ok"));
        QCOMPARE(sent.results(4).entry().recorded_by(), std::string("ic@sim"));

        // Every entry once, in both consoles, by GetIncident and by the stream.
        std::vector<std::string> all = {declared.declaration().id()};
        using Entries = std::vector<v1::TimelineEntry>;
        for (const Entries* list : std::initializer_list<const Entries*>{&fromA, &moreA, &queue}) {
            for (const v1::TimelineEntry& e : *list)
                all.push_back(e.id());
        }
        const std::set<std::string> unique(all.begin(), all.end());
        QCOMPARE(unique.size(), size_t(11));
        const v1::GetIncidentResponse finalA = a.get(id);
        const v1::GetIncidentResponse finalB = b.get(id);
        QCOMPARE(asSet(timelineIds(finalA)), asSet(all));
        QCOMPARE(timelineIds(finalB), timelineIds(finalA));
        QCOMPARE(finalB.incident().SerializeAsString(), finalA.incident().SerializeAsString());
        // Oldest first by `at`.
        for (int i = 1; i < finalA.timeline_size(); ++i)
            QVERIFY(finalA.timeline(i - 1).at().seconds() <= finalA.timeline(i).at().seconds());

        std::vector<std::string> afterDeclaration(all.begin() + 1, all.end());
        QVERIFY(waitForEntries(*streamA, 10));
        QVERIFY(waitForEntries(*streamB, 5));
        QTest::qWait(200);  // nothing more may come
        QCOMPARE(asSet(entryIds(streamA->events())), asSet(afterDeclaration));
        std::vector<v1::IncidentEvent> seenByB = beforeB;
        for (const v1::IncidentEvent& e : streamB->events())
            seenByB.push_back(e);
        QCOMPARE(asSet(entryIds(seenByB)), asSet(afterDeclaration));
        // B's two connections together: no gap, no duplicate.
        uint64_t expected = loadedB.up_to_sequence();
        for (const v1::IncidentEvent& e : seenByB) {
            if (e.sequence() == 0)
                continue;
            QCOMPARE(e.sequence(), ++expected);
            QCOMPARE(e.incident_id(), id);
            QCOMPARE(e.stream_epoch(), sim.platform->streamEpoch());
        }
        QCOMPARE(expected, finalA.up_to_sequence());
    }

    void postmortemConflictIsVisible()
    {
        ActionFixture sim(quietSettings());
        const Console a(sim, v1::ROLE_OPERATOR);
        const Console b(sim, v1::ROLE_INCIDENT_COMMANDER);
        const std::string id = newId();
        v1::DeclareIncidentResponse declared;
        QVERIFY(a.declare(incidentOf(id), &declared).ok());
        // Both start editing the summary at revision 0.
        QCOMPARE(a.get(id).postmortem_sections(0).revision(), int64_t(0));
        v1::SavePostmortemSectionResponse saved;
        grpc::Status status =
            a.saveSection(id, "summary", "Acme failed; we failed over to Globex.", 0, &saved);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(saved.section().revision(), int64_t(1));
        QCOMPARE(saved.section().updated_by(), std::string("operator@sim"));

        status = b.saveSection(id, "summary", "Payments broke in eu-west.", 0, &saved);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        const v1::ErrorDetail conflict = detailOf(status);
        QCOMPARE(conflict.reason(), std::string("SECTION_CONFLICT"));
        QCOMPARE(conflict.metadata().at("current_text"),
                 std::string("Acme failed; we failed over to Globex."));
        QCOMPARE(conflict.metadata().at("current_text_truncated"), std::string("false"));
        QCOMPARE(conflict.metadata().at("current_revision"), std::string("1"));
        QCOMPARE(conflict.metadata().at("updated_by"), std::string("operator@sim"));
        QCOMPARE(conflict.metadata().at("section_key"), std::string("summary"));
        QVERIFY(QString::fromStdString(conflict.metadata().at("updated_at"))
                    .startsWith(QStringLiteral("2026-11-25T12:0")));
        QVERIFY2(QString::fromStdString(status.error_message())
                     .contains(QRegularExpression(
                         "^Summary was saved by operator@sim at 2026-11-25 12:0\\d UTC since you "
                         "started editing it \\(revision 1 is stored, you had 0\\): your text was "
                         "not saved\\.$")),
                 status.error_message().c_str());
        // Nothing was overwritten.
        QCOMPARE(b.get(id).postmortem_sections(0).text(),
                 std::string("Acme failed; we failed over to Globex."));
        // Saving what is stored is no conflict, from any revision.
        QVERIFY(
            b.saveSection(id, "summary", "Acme failed; we failed over to Globex.", 0, &saved).ok());
        QVERIFY(saved.unchanged());
        QCOMPARE(saved.section().revision(), int64_t(1));
        // B merges from revision 1.
        QVERIFY(b.saveSection(id, "summary", "Acme failed in eu-west; Globex took over.", 1, &saved)
                    .ok());
        QCOMPARE(saved.section().revision(), int64_t(2));
        QCOMPARE(saved.section().updated_by(), std::string("ic@sim"));

        // A long text is cut in the conflict (at a character boundary) and says so.
        std::string longText;
        while (longText.size() < 6000)
            longText += "Grüße aus eu-west. ";
        QVERIFY(a.saveSection(id, "impact", longText, 0, &saved).ok());
        status = b.saveSection(id, "impact", "short", 0, &saved);
        QCOMPARE(detailOf(status).reason(), std::string("SECTION_CONFLICT"));
        const std::string cut = detailOf(status).metadata().at("current_text");
        QVERIFY(cut.size() <= 4000 && cut.size() > 3900);
        QCOMPARE(longText.substr(0, cut.size()), cut);
        QVERIFY(QString::fromUtf8(cut.data(), int(cut.size())).isValidUtf16());
        QCOMPARE(detailOf(status).metadata().at("current_text_truncated"), std::string("true"));

        status = a.saveSection(id, "lessons", "x", 0, &saved);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).reason(), std::string("UNKNOWN_SECTION"));

        // Action items: created once, changed from a revision, deleted with a tombstone.
        v1::UpsertActionItemRequest upsert;
        *upsert.mutable_context() = contextOf();
        upsert.set_incident_id(id);
        v1::ActionItem* item = upsert.mutable_item();
        item->set_id(newId());
        item->set_title("Alert on provider error rate per region");
        item->set_owner("li.wei");
        item->set_due_date("2026-12-15");
        item->set_priority(v1::ACTION_ITEM_PRIORITY_HIGH);
        item->set_type(v1::ACTION_ITEM_TYPE_DETECT);
        item->set_status(v1::ACTION_ITEM_STATUS_OPEN);
        v1::UpsertActionItemResponse upserted;
        QVERIFY(a.call(&v1::IncidentService::Stub::UpsertActionItem, upsert, &upserted).ok());
        QCOMPARE(upserted.item().revision(), int64_t(1));
        item->set_status(v1::ACTION_ITEM_STATUS_IN_PROGRESS);
        upsert.set_expected_revision(1);
        *upsert.mutable_context() = contextOf();
        QVERIFY(b.call(&v1::IncidentService::Stub::UpsertActionItem, upsert, &upserted).ok());
        QCOMPARE(upserted.item().revision(), int64_t(2));
        item->set_owner("sam");
        *upsert.mutable_context() = contextOf();
        status = a.call(&v1::IncidentService::Stub::UpsertActionItem, upsert, &upserted);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("STALE_REVISION"));
        QCOMPARE(detailOf(status).metadata().at("current_revision"), std::string("2"));
        v1::DeleteActionItemRequest remove;
        *remove.mutable_context() = contextOf();
        remove.set_incident_id(id);
        remove.set_item_id(item->id());
        remove.set_expected_revision(2);
        v1::DeleteActionItemResponse removed;
        QVERIFY(a.call(&v1::IncidentService::Stub::DeleteActionItem, remove, &removed).ok());
        QVERIFY(removed.item().deleted());
        QCOMPARE(a.get(id).action_items_size(), 0);

        QCOMPARE(countActions(sim, "incident.postmortem.save"), 3);
        QCOMPARE(countActions(sim, "incident.action_item.upsert"), 2);
        QCOMPARE(countActions(sim, "incident.action_item.delete"), 1);
    }

    void milestonesOutOfOrderAreRefusedInWords()
    {
        ActionFixture sim(quietSettings());
        const Console console(sim, v1::ROLE_INCIDENT_COMMANDER);
        const std::string id = newId();
        v1::DeclareIncidentResponse declared;
        QVERIFY(console.declare(incidentOf(id), &declared).ok());

        v1::Incident changed = declared.incident();  // started 11:50
        setSeconds(changed.mutable_milestones()->mutable_detected_at(), kStart - 900);
        v1::UpdateIncidentResponse updated;
        grpc::Status status = console.update(changed, 1, &updated);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(status.error_message(),
                 std::string("Detected (11:45) is before Started (11:50): an incident cannot be "
                             "detected before it starts."));
        QCOMPARE(detailOf(status).reason(), std::string("MILESTONES_OUT_OF_ORDER"));
        QCOMPARE(detailOf(status).field(), std::string("incident.milestones.detected_at"));
        QCOMPARE(detailOf(status).metadata().at("before"), std::string("started_at"));

        changed = declared.incident();
        setSeconds(changed.mutable_milestones()->mutable_resolved_at(), kStart - 60);
        status = console.update(changed, 1, &updated);
        QCOMPARE(detailOf(status).reason(), std::string("MISSING_MILESTONE"));
        QVERIFY(QString::fromStdString(status.error_message())
                    .startsWith(QStringLiteral("Resolved is set but Mitigated is not")));

        changed = declared.incident();
        setSeconds(changed.mutable_milestones()->mutable_detected_at(), kStart + 3600);
        status = console.update(changed, 1, &updated);
        QCOMPARE(detailOf(status).reason(), std::string("MILESTONE_IN_FUTURE"));

        changed = declared.incident();
        changed.set_status(v1::INCIDENT_STATUS_MITIGATED);
        status = console.update(changed, 1, &updated);
        QCOMPARE(detailOf(status).reason(), std::string("MISSING_MILESTONE"));
        QCOMPARE(status.error_message(),
                 std::string("The status is Mitigated but no Mitigated time is set."));

        changed = declared.incident();
        changed.add_journeys("checkout-everything");
        status = console.update(changed, 1, &updated);
        QCOMPARE(detailOf(status).reason(), std::string("UNKNOWN_JOURNEY"));
        QCOMPARE(detailOf(status).field(), std::string("incident.journeys[1]"));

        // A possible change: version 2, and the platform's own change entries.
        changed = declared.incident();
        changed.set_severity(v1::INCIDENT_SEVERITY_SEV1);
        changed.set_status(v1::INCIDENT_STATUS_MITIGATED);
        changed.mutable_roles()->set_commander("li.wei");
        setSeconds(changed.mutable_milestones()->mutable_detected_at(), kStart - 480);
        setSeconds(changed.mutable_milestones()->mutable_mitigated_at(), kStart - 60);
        status = console.update(changed, 1, &updated);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(updated.incident().version(), int64_t(2));
        QCOMPARE(updated.incident().updated_by(), std::string("ic@sim"));
        QCOMPARE(updated.change_entries_size(), 3);
        QCOMPARE(updated.change_entries(0).text(),
                 std::string("Severity changed from SEV-2 to SEV-1."));
        QCOMPARE(updated.change_entries(1).text(),
                 std::string("Status changed from Investigating to Mitigated."));
        QCOMPARE(updated.change_entries(2).text(),
                 std::string("Incident commander handed over from dana to li.wei."));
        // The same again: unchanged, whatever version it names.
        status = console.update(changed, 1, &updated);
        QVERIFY(status.ok());
        QVERIFY(updated.unchanged());
        QCOMPARE(updated.incident().version(), int64_t(2));
        // Another change from the old version: refused with the current one.
        changed.set_title("Payments down in eu-west");
        status = console.update(changed, 1, &updated);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("STALE_VERSION"));
        QCOMPARE(detailOf(status).metadata().at("current_version"), std::string("2"));
        // From version 2, with the console's own change entry: stored instead of the platform's.
        changed.set_severity(v1::INCIDENT_SEVERITY_SEV2);
        v1::UpdateIncidentRequest request;
        *request.mutable_context() = contextOf();
        *request.mutable_incident() = changed;
        request.set_expected_version(2);
        v1::TimelineEntry own = noteOf("Severity changed from SEV-1 to SEV-2.", kStart);
        own.set_kind(v1::TIMELINE_ENTRY_KIND_SEVERITY_CHANGE);
        *request.add_change_entries() = own;
        QVERIFY(console.call(&v1::IncidentService::Stub::UpdateIncident, request, &updated).ok());
        QCOMPARE(updated.incident().version(), int64_t(3));
        QCOMPARE(updated.change_entries_size(), 1);
        QCOMPARE(updated.change_entries(0).id(), own.id());
        const v1::GetIncidentResponse stored = console.get(id);
        QCOMPARE(stored.timeline_size(),
                 5);  // declaration, 3 from the platform, 1 from the console
        QCOMPARE(stored.incident().title(), std::string("Payments down in eu-west"));
    }

    void viewerCannotWrite()
    {
        ActionFixture sim(quietSettings());
        const Console writer(sim, v1::ROLE_OPERATOR);
        const Console viewer(sim, v1::ROLE_VIEWER);
        const Console approver(sim, v1::ROLE_PAYMENTS_APPROVER);
        const std::string id = newId();
        v1::DeclareIncidentResponse declared;
        grpc::Status status = viewer.declare(incidentOf(id), &declared);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(detailOf(status).reason(), std::string("ROLE_FORBIDDEN"));
        QCOMPARE(detailOf(status).metadata().at("permission"), std::string("incidents.write"));
        QCOMPARE(status.error_message(),
                 std::string("role viewer may not change incidents (needs incidents.write)"));
        QCOMPARE(approver.declare(incidentOf(id), &declared).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);

        QVERIFY(writer.declare(incidentOf(id), &declared).ok());
        v1::AppendTimelineEntriesResponse appended;
        status = viewer.append(id, {noteOf("viewer note", kStart)}, &appended);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        v1::SavePostmortemSectionResponse saved;
        QCOMPARE(viewer.saveSection(id, "summary", "x", 0, &saved).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);
        // Reading needs no permission.
        const v1::GetIncidentResponse read = viewer.get(id);
        QCOMPARE(read.incident().id(), id);
        QCOMPARE(read.timeline_size(), 1);
        v1::ListIncidentsRequest list;
        list.mutable_filter()->set_open_only(true);
        list.mutable_filter()->add_severities(v1::INCIDENT_SEVERITY_SEV2);
        v1::ListIncidentsResponse listed;
        QVERIFY(viewer.call(&v1::IncidentService::Stub::ListIncidents, list, &listed).ok());
        QCOMPARE(listed.incidents_size(), 1);
        list.mutable_filter()->set_severities(0, v1::INCIDENT_SEVERITY_SEV1);
        QVERIFY(viewer.call(&v1::IncidentService::Stub::ListIncidents, list, &listed).ok());
        QCOMPARE(listed.incidents_size(), 0);
    }

    void listPagesNewestFirst()
    {
        ActionFixture sim(quietSettings());
        const Console console(sim, v1::ROLE_OPERATOR);
        std::vector<std::string> ids;
        for (int i = 0; i < 7; ++i) {
            v1::Incident incident = incidentOf(newId());
            setSeconds(incident.mutable_declared_at(), kStart - 3600 + i * 60);
            v1::DeclareIncidentResponse declared;
            QVERIFY(console.declare(incident, &declared).ok());
            ids.insert(ids.begin(), incident.id());
        }
        v1::ListIncidentsRequest request;
        request.mutable_page()->set_page_size(3);
        std::vector<std::string> seen;
        for (int page = 0; page < 5; ++page) {
            v1::ListIncidentsResponse response;
            QVERIFY(
                console.call(&v1::IncidentService::Stub::ListIncidents, request, &response).ok());
            QCOMPARE(response.page().total_size(), int64_t(7));
            for (const v1::Incident& i : response.incidents())
                seen.push_back(i.id());
            if (response.page().next_page_token().empty())
                break;
            request.mutable_page()->set_page_token(response.page().next_page_token());
        }
        QCOMPARE(seen, ids);
        // A token with other filters is refused.
        request.mutable_filter()->set_open_only(true);
        v1::ListIncidentsResponse response;
        const grpc::Status status =
            console.call(&v1::IncidentService::Stub::ListIncidents, request, &response);
        QCOMPARE(detailOf(status).reason(), std::string("INVALID_PAGE_TOKEN"));
        // A range on declared_at, half-open.
        v1::ListIncidentsRequest ranged;
        setSeconds(ranged.mutable_filter()->mutable_declared()->mutable_start(),
                   kStart - 3600 + 60);
        setSeconds(ranged.mutable_filter()->mutable_declared()->mutable_end(), kStart - 3600 + 180);
        QVERIFY(console.call(&v1::IncidentService::Stub::ListIncidents, ranged, &response).ok());
        QCOMPARE(response.incidents_size(), 2);
    }

    void persistsAcrossRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PlatformSettings settings = quietSettings();
        settings.incidentDbPath = dir.filePath(QStringLiteral("incidents.sqlite")).toStdString();
        const std::string id = newId();
        v1::GetIncidentResponse before;
        {
            ActionFixture sim(settings);
            QVERIFY(sim.platform->incidents().isOpen());
            const Console console(sim, v1::ROLE_INCIDENT_COMMANDER);
            v1::DeclareIncidentResponse declared;
            QVERIFY(console.declare(incidentOf(id), &declared).ok());
            const v1::TimelineEntry note = noteOf("failover to globex", kStart - 20);
            v1::AppendTimelineEntriesResponse appended;
            QVERIFY(
                console.append(id, {note, noteOf("errors falling", kStart - 10)}, &appended).ok());
            v1::SetTimelineEntryPinnedRequest pin;
            *pin.mutable_context() = contextOf();
            pin.set_incident_id(id);
            pin.set_entry_id(note.id());
            pin.set_pinned(true);
            v1::SetTimelineEntryPinnedResponse pinned;
            QVERIFY(console.call(&v1::IncidentService::Stub::SetTimelineEntryPinned, pin, &pinned)
                        .ok());
            QVERIFY(pinned.entry().pinned());
            v1::AddStatusUpdateRequest status;
            *status.mutable_context() = contextOf();
            status.set_incident_id(id);
            status.mutable_status_update()->set_id(newId());
            setSeconds(status.mutable_status_update()->mutable_at(), kStart - 5);
            status.mutable_status_update()->set_status(v1::INCIDENT_STATUS_IDENTIFIED);
            status.mutable_status_update()->set_text("Card payments in Europe fail; we are on it.");
            v1::AddStatusUpdateResponse added;
            QVERIFY(console.call(&v1::IncidentService::Stub::AddStatusUpdate, status, &added).ok());
            QCOMPARE(added.timeline_entry().id(), status.status_update().id());
            QCOMPARE(added.status_update().author(), std::string("ic@sim"));
            v1::SavePostmortemSectionResponse saved;
            QVERIFY(
                console.saveSection(id, "root_cause", "Acme's eu-west cluster.", 0, &saved).ok());
            v1::UpsertActionItemRequest upsert;
            *upsert.mutable_context() = contextOf();
            upsert.set_incident_id(id);
            upsert.mutable_item()->set_id(newId());
            upsert.mutable_item()->set_title("Automatic failover");
            upsert.mutable_item()->set_priority(v1::ACTION_ITEM_PRIORITY_MEDIUM);
            upsert.mutable_item()->set_type(v1::ACTION_ITEM_TYPE_MITIGATE);
            upsert.mutable_item()->set_status(v1::ACTION_ITEM_STATUS_OPEN);
            v1::UpsertActionItemResponse upserted;
            QVERIFY(
                console.call(&v1::IncidentService::Stub::UpsertActionItem, upsert, &upserted).ok());
            v1::Incident changed = declared.incident();
            changed.set_severity(v1::INCIDENT_SEVERITY_SEV1);
            v1::UpdateIncidentResponse updated;
            QVERIFY(console.update(changed, 1, &updated).ok());
            before = console.get(id);
            QCOMPARE(before.timeline_size(), 5);
        }
        {
            ActionFixture sim(settings);
            QVERIFY(sim.platform->incidents().isOpen());
            QCOMPARE(sim.platform->incidents().size(), size_t(1));
            const Console console(sim, v1::ROLE_VIEWER);
            const v1::GetIncidentResponse after = console.get(id);
            QCOMPARE(after.incident().SerializeAsString(), before.incident().SerializeAsString());
            QCOMPARE(after.timeline_size(), before.timeline_size());
            for (int i = 0; i < after.timeline_size(); ++i)
                QCOMPARE(after.timeline(i).SerializeAsString(),
                         before.timeline(i).SerializeAsString());
            QCOMPARE(after.status_updates(0).SerializeAsString(),
                     before.status_updates(0).SerializeAsString());
            for (int i = 0; i < 10; ++i) {
                QCOMPARE(after.postmortem_sections(i).SerializeAsString(),
                         before.postmortem_sections(i).SerializeAsString());
            }
            QCOMPARE(after.action_items(0).SerializeAsString(),
                     before.action_items(0).SerializeAsString());
            // A new run is a new stream epoch: a resume from the old one is refused.
            QVERIFY(after.stream_epoch() != before.stream_epoch());
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::StreamIncidentEventsRequest resume;
            resume.set_stream_epoch(before.stream_epoch());
            resume.set_resume_after_sequence(before.up_to_sequence());
            auto reader = console.stub()->StreamIncidentEvents(&context, resume);
            v1::IncidentEvent event;
            QVERIFY(!reader->Read(&event));
            const grpc::Status status = reader->Finish();
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QCOMPARE(detailOf(status).reason(), std::string("EPOCH_CHANGED"));
            // The declaration stays idempotent across the restart.
            const Console writer(sim, v1::ROLE_OPERATOR);
            v1::DeclareIncidentResponse again;
            QVERIFY(writer.declare(incidentOf(id), &again).ok());
            QVERIFY(again.already_declared());
            QCOMPARE(again.incident().version(), int64_t(2));
        }
        {  // The file: WAL, schema 1, intact; a newer schema is refused in words.
            const QString name = QStringLiteral("tst-incident-file");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(QString::fromStdString(settings.incidentDbPath));
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
                QCOMPARE(q.value(0).toInt(), 1);
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 7")));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            SimulatedPlatform platform(settings);
            QVERIFY(!platform.incidents().isOpen());
            QVERIFY2(QString::fromStdString(platform.incidents().openError())
                         .contains(QStringLiteral("written by a newer simulator (schema 7")),
                     platform.incidents().openError().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestIncidentService)
#include "tst_incident_service.moc"
