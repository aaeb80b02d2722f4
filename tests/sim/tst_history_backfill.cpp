// The simulator's backfilled past for the Trends view (label trends):
// --history-days 90 gives the same incidents, texts and deploys for the same
// seed; about two incidents a week, resolved, with milestones in the
// contract's order (some never acknowledged); every change-caused incident
// names a real deploy of its service in its region that started 5-60 minutes
// before it, half of them rolled back; root causes start with
// "Cause: <category>. Service: <service>."; the journey's samples dip while
// each incident lasts; 90 days of hourly history answer quickly; about
// three flag changes a day, listed by ListFlagChanges (paged, by time) as
// in each flag's audit trail and state; rolled-back deploys say when their
// rollback started. The same seed gives the same incidents, deploys, flag
// changes and samples. Without the option nothing is backfilled and history
// starts 35 days back.

#include "action_fixture.h"
#include "flag_catalog.h"
#include "history_aggregator.h"
#include "history_backfill.h"
#include "incident_milestones.h"
#include "proto_time.h"
#include "series_filter.h"
#include "service_catalog.h"
#include "sim_command_line.h"
#include "watchfloor/v1/incident.grpc.pb.h"

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>
#include <algorithm>
#include <map>
#include <set>

using namespace wfsim::test;
using wfsim::HistoryBackfill;
using wfsim::JourneyCatalog;
using wfsim::PlatformSettings;
using wfsim::ServiceCatalog;

namespace {

constexpr int kDays = 90;
constexpr int64_t kDay = 86400;
constexpr int64_t kHistoryFrom = kStart - kDays * kDay;

int64_t msOf(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

PlatformSettings backfilled(uint64_t seed = 7, int days = kDays)
{
    PlatformSettings settings = settingsFor("quiet-day", 1);
    settings.seed = seed;
    settings.historyDays = days;
    return settings;
}

// The platform's incident service as one console sees it.
struct Incidents {
    explicit Incidents(const ActionFixture& sim)
        : stub(v1::IncidentService::NewStub(sim.channel)),
          operatorToken(sim.token(v1::ROLE_OPERATOR))
    {
    }

    v1::ListIncidentsResponse list() const
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListIncidentsRequest request;
        request.mutable_page()->set_page_size(500);
        v1::ListIncidentsResponse response;
        const grpc::Status status = stub->ListIncidents(&context, request, &response);
        if (!status.ok())
            qWarning("ListIncidents: %s", status.error_message().c_str());
        return response;
    }

    v1::GetIncidentResponse get(const std::string& id) const
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::GetIncidentRequest request;
        request.set_incident_id(id);
        v1::GetIncidentResponse response;
        const grpc::Status status = stub->GetIncident(&context, request, &response);
        if (!status.ok())
            qWarning("GetIncident: %s", status.error_message().c_str());
        return response;
    }

    std::unique_ptr<v1::IncidentService::Stub> stub;
    std::string operatorToken;
};

// Every deploy that started in [from, to), by id, through ListDeploys' started filter.
std::map<std::string, v1::Deploy> deploysStarted(const ActionFixture& sim, int64_t from, int64_t to)
{
    std::map<std::string, v1::Deploy> out;
    std::string token;
    do {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListDeploysRequest request;
        request.mutable_page()->set_page_size(1000);
        request.mutable_page()->set_page_token(token);
        wfsim::proto_time::setSeconds(request.mutable_started()->mutable_start(), from);
        wfsim::proto_time::setSeconds(request.mutable_started()->mutable_end(), to);
        v1::ListDeploysResponse response;
        const grpc::Status status = sim.deploys->ListDeploys(&context, request, &response);
        if (!status.ok()) {
            qWarning("ListDeploys: %s", status.error_message().c_str());
            break;
        }
        for (const v1::Deploy& d : response.deploys())
            out[d.id()] = d;
        token = response.page().next_page_token();
    } while (!token.empty());
    return out;
}

// Every flag change in [from, to) (ListFlagChanges), `pageSize` at a time.
std::vector<v1::FlagAuditEntry> flagChanges(const ActionFixture& sim, int64_t from, int64_t to,
                                            int pageSize = 5000)
{
    std::vector<v1::FlagAuditEntry> out;
    std::string token;
    do {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListFlagChangesRequest request;
        request.mutable_page()->set_page_size(pageSize);
        request.mutable_page()->set_page_token(token);
        wfsim::proto_time::setSeconds(request.mutable_changed()->mutable_start(), from);
        wfsim::proto_time::setSeconds(request.mutable_changed()->mutable_end(), to);
        v1::ListFlagChangesResponse response;
        const grpc::Status status = sim.flags->ListFlagChanges(&context, request, &response);
        if (!status.ok()) {
            qWarning("ListFlagChanges: %s", status.error_message().c_str());
            break;
        }
        out.insert(out.end(), response.entries().begin(), response.entries().end());
        token = response.page().next_page_token();
    } while (!token.empty());
    return out;
}

// Every series' hourly history over the backfilled days, serialised.
std::string hourlyHistory(const ActionFixture& sim)
{
    v1::GetHistoryRequest request;
    wfsim::proto_time::setSeconds(request.mutable_range()->mutable_start(), kHistoryFrom);
    wfsim::proto_time::setSeconds(request.mutable_range()->mutable_end(), kStart);
    request.mutable_resolution()->set_seconds(3600);
    v1::GetHistoryResponse response;
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    if (!sim.health->GetHistory(&context, request, &response).ok())
        return {};
    std::string out;
    for (const v1::HealthSeries& s : response.series())
        out += s.SerializeAsString();
    return out;
}

std::string sectionText(const v1::GetIncidentResponse& incident, const std::string& key)
{
    for (const v1::PostmortemSection& s : incident.postmortem_sections()) {
        if (s.key() == key)
            return s.text();
    }
    return {};
}

QString categoryPattern()
{
    QStringList keys;
    for (const std::string& c : HistoryBackfill::categories())
        keys << QRegularExpression::escape(QString::fromStdString(c));
    return keys.join('|');
}

// Sums of one series' buckets, by bucket start (seconds).
struct Bucket {
    int64_t good = 0;
    int64_t valid = 0;
};
using SeriesBuckets = std::map<int64_t, Bucket>;

double goodFraction(const SeriesBuckets& buckets, int64_t from, int64_t to, bool* complete)
{
    Bucket sum;
    for (auto it = buckets.lower_bound(from); it != buckets.end() && it->first < to; ++it) {
        sum.good += it->second.good;
        sum.valid += it->second.valid;
    }
    *complete = sum.valid > 0 && buckets.count(from) > 0;
    return sum.valid > 0 ? double(sum.good) / double(sum.valid) : 1;
}

int64_t floorTo(int64_t t, int64_t step)
{
    return t / step * step;
}

}  // namespace

class TestHistoryBackfill : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ActionFixture> sim_;
    std::unique_ptr<Incidents> incidents_;
    std::vector<v1::Incident> list_;  // oldest first
    std::map<std::string, v1::GetIncidentResponse> details_;
    std::map<std::string, v1::Deploy> deploys_;  // every deploy of the 90 days
    qint64 constructionMs_ = 0;

private slots:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        sim_ = std::make_unique<ActionFixture>(backfilled());
        constructionMs_ = timer.elapsed();
        qInfo("platform with %d days of history built in %lld ms", kDays, constructionMs_);
        incidents_ = std::make_unique<Incidents>(*sim_);
        const v1::ListIncidentsResponse response = incidents_->list();
        list_.assign(response.incidents().rbegin(), response.incidents().rend());
        for (const v1::Incident& i : list_)
            details_[i.id()] = incidents_->get(i.id());
        deploys_ = deploysStarted(*sim_, kHistoryFrom - 1, kStart);
    }

    void cleanupTestCase()
    {
        incidents_.reset();
        sim_.reset();
    }

    void optionParses()
    {
        wfsim::SimCommandLine line;
        QVERIFY(line.parse({"sim", "--history-days", "90"}));
        QCOMPARE(line.options().historyDays, 90);
        QVERIFY(QString::fromStdString(line.helpText()).contains("--history-days"));
        wfsim::SimCommandLine none;
        QVERIFY(none.parse({"sim"}));
        QCOMPARE(none.options().historyDays, 0);
        for (const char* bad : {"0", "401", "-3", "ninety"}) {
            wfsim::SimCommandLine refused;
            QVERIFY2(!refused.parse({"sim", "--history-days", bad}), bad);
            QVERIFY2(QString::fromStdString(refused.error()).contains("from 1 to 400"),
                     refused.error().c_str());
        }
        // --deploy-history keeps its gap over the longer history: too many deploys.
        wfsim::SimCommandLine tooMany;
        QVERIFY(!tooMany.parse({"sim", "--deploy-history", "200000", "--history-days", "90"}));
        QVERIFY2(QString::fromStdString(tooMany.error()).contains("at most 200000"),
                 tooMany.error().c_str());
    }

    void timelineReachesBackWithHourlyIntervals()
    {
        for (const int days : {90, 10, 35}) {
            const wfsim::SampleTimeline timeline(kStart, days);
            QCOMPARE(timeline.retentionStart(), kStart - days * kDay);
            int hourly = 0, coarse = 0, fine = 0;
            int64_t previousEnd = timeline.retentionStart();
            bool contiguous = true;
            timeline.forEachInterval(
                timeline.retentionStart() - 5000, kStart, 0,
                [&](const wfsim::SampleTimeline::Interval& i) {
                    contiguous = contiguous && i.start == previousEnd;
                    previousEnd = i.start + i.seconds;
                    (i.seconds == 3600 ? hourly : i.seconds == 300 ? coarse : fine)++;
                });
            QVERIFY(contiguous);
            QCOMPARE(previousEnd, kStart);
            QCOMPARE(hourly, std::max(0, days - 35) * 24);
            QCOMPARE(coarse, (std::min(days, 35) * 86400 - 6 * 3600) / 300);
            QCOMPARE(fine, 6 * 360);
        }
    }

    void sameSeedSameHistory()
    {
        ActionFixture again(backfilled());
        const Incidents other(again);
        const v1::ListIncidentsResponse list = other.list();
        QCOMPARE(size_t(list.incidents_size()), list_.size());
        for (const v1::Incident& i : list.incidents()) {
            const auto it = details_.find(i.id());
            QVERIFY2(it != details_.end(), i.id().c_str());
            QCOMPARE(i.SerializeAsString(), it->second.incident().SerializeAsString());
            const v1::GetIncidentResponse detail = other.get(i.id());
            QCOMPARE(detail.timeline_size(), it->second.timeline_size());
            for (int k = 0; k < detail.timeline_size(); ++k)
                QCOMPARE(detail.timeline(k).SerializeAsString(),
                         it->second.timeline(k).SerializeAsString());
            for (int k = 0; k < detail.postmortem_sections_size(); ++k)
                QCOMPARE(detail.postmortem_sections(k).SerializeAsString(),
                         it->second.postmortem_sections(k).SerializeAsString());
            QCOMPARE(detail.action_items_size(), it->second.action_items_size());
            for (int k = 0; k < detail.action_items_size(); ++k)
                QCOMPARE(detail.action_items(k).SerializeAsString(),
                         it->second.action_items(k).SerializeAsString());
        }
        const auto deploys = deploysStarted(again, kHistoryFrom - 1, kStart);
        QCOMPARE(deploys.size(), deploys_.size());
        for (const auto& [id, d] : deploys) {
            const auto it = deploys_.find(id);
            QVERIFY2(it != deploys_.end(), id.c_str());
            QCOMPARE(d.SerializeAsString(), it->second.SerializeAsString());
        }

        // The journeys' samples: the same buckets, byte for byte (and not empty).
        const std::string samples = hourlyHistory(*sim_);
        QVERIFY(samples.size() > 100000);
        QVERIFY(samples == hourlyHistory(again));
        // The flag changes: the same, in the same order.
        const auto changes = flagChanges(*sim_, kHistoryFrom, kStart);
        const auto changesAgain = flagChanges(again, kHistoryFrom, kStart);
        QVERIFY(!changes.empty());
        QCOMPARE(changesAgain.size(), changes.size());
        for (size_t k = 0; k < changes.size(); ++k)
            QCOMPARE(changesAgain[k].SerializeAsString(), changes[k].SerializeAsString());

        // Another seed, another past.
        ActionFixture different(backfilled(8));
        const v1::ListIncidentsResponse differentList = Incidents(different).list();
        QVERIFY(differentList.incidents_size() > 0);
        QVERIFY(!details_.count(differentList.incidents(0).id()));
        const auto differentChanges = flagChanges(different, kHistoryFrom, kStart);
        QVERIFY(!differentChanges.empty());
        QVERIFY(differentChanges.front().SerializeAsString() !=
                changes.front().SerializeAsString());
        QVERIFY(hourlyHistory(different) != samples);
    }

    void flagChangesAreBackfilled()
    {
        // About three a day over the 90 days, on named flags, oldest first.
        const auto changes = flagChanges(*sim_, kHistoryFrom, kStart);
        qInfo("%zu flag changes over %d days (%.1f a day)", changes.size(), kDays,
              double(changes.size()) / kDays);
        QVERIFY2(changes.size() >= 200 && changes.size() <= 340,
                 qPrintable(QString::number(changes.size())));
        std::map<std::string, std::vector<const v1::FlagAuditEntry*>> byFlag;
        int production = 0;
        int64_t previous = 0;
        for (const v1::FlagAuditEntry& e : changes) {
            const int64_t at = msOf(e.at());
            QVERIFY(at >= previous);
            previous = at;
            QVERIFY(at >= kHistoryFrom * 1000 && at < (kStart - 3600) * 1000);
            QVERIFY2(wfsim::FlagCatalog::isNamed(e.flag_key()), e.flag_key().c_str());
            QVERIFY(e.environment() == "production" || e.environment() == "staging");
            production += e.environment() == "production";
            QVERIFY(JourneyCatalog().regionIndex(e.region()) >= 0);
            QVERIFY(!e.actor().empty() && !e.reason().empty() && !e.action_id().empty());
            byFlag[e.flag_key()].push_back(&e);
        }
        // Production 70%: well over half.
        QVERIFY2(production > int(changes.size()) / 2, qPrintable(QString::number(production)));
        // Weeks: every week of the history has some.
        std::set<int64_t> weeks;
        for (const v1::FlagAuditEntry& e : changes)
            weeks.insert((msOf(e.at()) / 1000 - kHistoryFrom) / (7 * kDay));
        QCOMPARE(int(weeks.size()), (kDays + 6) / 7);

        // The same changes in each flag's audit trail, and the flag's state
        // shows the last one of each environment and region.
        v1::ListFlagsResponse flags;
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::ListFlagsRequest request;
            request.mutable_page()->set_page_size(5000);
            QVERIFY(sim_->flags->ListFlags(&context, request, &flags).ok());
        }
        for (const v1::Flag& flag : flags.flags()) {
            const auto it = byFlag.find(flag.key());
            if (it == byFlag.end())
                continue;
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::GetFlagAuditTrailRequest request;
            request.set_flag_key(flag.key());
            v1::GetFlagAuditTrailResponse trail;
            QVERIFY(sim_->flags->GetFlagAuditTrail(&context, request, &trail).ok());
            QCOMPARE(size_t(trail.entries_size()), it->second.size());
            for (int k = 0; k < trail.entries_size(); ++k) {
                QCOMPARE(trail.entries(k).SerializeAsString(), it->second[k]->SerializeAsString());
                if (k > 0)
                    QCOMPARE(trail.entries(k).resource_version(),
                             trail.entries(k - 1).resource_version() + 1);
            }
            QCOMPARE(flag.resource_version(),
                     trail.entries(trail.entries_size() - 1).resource_version());
            for (const v1::FlagState& state : flag.states()) {
                const v1::FlagAuditEntry* last = nullptr;
                for (const v1::FlagAuditEntry* e : it->second)
                    if (e->environment() == state.environment() && e->region() == state.region())
                        last = e;
                if (!last)
                    continue;
                QCOMPARE(state.enabled(), last->enabled());
                QCOMPARE(msOf(state.changed_at()), msOf(last->at()));
                QCOMPARE(state.changed_by(), last->actor());
            }
        }

        // Paged: 37 at a time gives the same list; a range gives its part.
        const auto paged = flagChanges(*sim_, kHistoryFrom, kStart, 37);
        QCOMPARE(paged.size(), changes.size());
        for (size_t k = 0; k < changes.size(); ++k)
            QCOMPARE(paged[k].SerializeAsString(), changes[k].SerializeAsString());
        const int64_t mid = kHistoryFrom + 30 * kDay;
        const auto firstMonth = flagChanges(*sim_, kHistoryFrom, mid);
        const auto rest = flagChanges(*sim_, mid, kStart);
        QCOMPARE(firstMonth.size() + rest.size(), changes.size());
        QVERIFY(!firstMonth.empty() && msOf(firstMonth.back().at()) < mid * 1000);
        QVERIFY(msOf(rest.front().at()) >= mid * 1000);
        // A backwards range is refused in words.
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListFlagChangesRequest backwards;
        wfsim::proto_time::setSeconds(backwards.mutable_changed()->mutable_start(), kStart);
        wfsim::proto_time::setSeconds(backwards.mutable_changed()->mutable_end(), kHistoryFrom);
        v1::ListFlagChangesResponse refused;
        const grpc::Status status = sim_->flags->ListFlagChanges(&context, backwards, &refused);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(status.error_message().find("changed.end") != std::string::npos);
    }

    void rollbacksSayWhenTheyStarted()
    {
        // Every rolled-back deploy of the history says when its rollback
        // started: after the deploy started, two minutes before it finished.
        int rolledBack = 0;
        for (const auto& [id, d] : deploys_) {
            if (d.status() != v1::DEPLOY_STATUS_ROLLED_BACK)
                continue;
            ++rolledBack;
            QVERIFY2(d.has_rollback_started_at(), id.c_str());
            QVERIFY(msOf(d.rollback_started_at()) > msOf(d.started_at()));
            QCOMPARE(msOf(d.finished_at()) - msOf(d.rollback_started_at()), int64_t(2 * 60'000));
        }
        QVERIFY(rolledBack > 10);
    }

    void aboutTwoIncidentsAWeek()
    {
        const double weeks = kDays / 7.0;
        qInfo("%zu incidents over %d days (%.1f a week)", list_.size(), kDays,
              double(list_.size()) / weeks);
        QVERIFY2(list_.size() >= 12 && list_.size() <= 45,
                 qPrintable(QString::number(list_.size())));
        std::map<int, int> severities;
        const JourneyCatalog catalog;
        for (size_t k = 0; k < list_.size(); ++k) {
            const v1::Incident& i = list_[k];
            QVERIFY(!QUuid::fromString(QString::fromStdString(i.id())).isNull());
            QCOMPARE(QUuid::fromString(QString::fromStdString(i.id())).version(), QUuid::Sha1);
            QCOMPARE(i.status(), v1::INCIDENT_STATUS_RESOLVED);
            QCOMPARE(i.journeys_size(), 1);
            QCOMPARE(i.regions_size(), 1);
            QVERIFY(catalog.journeyIndex(i.journeys(0)) >= 0);
            QVERIFY(catalog.regionIndex(i.regions(0)) >= 0);
            QVERIFY(!i.title().empty() && i.title().size() <= 200);
            QVERIFY(!i.roles().commander().empty() && !i.roles().communications_lead().empty() &&
                    !i.roles().scribe().empty());
            QCOMPARE(i.declared_by(), i.roles().commander());
            QCOMPARE(i.updated_by(), i.roles().commander());
            QVERIFY(i.severity() >= v1::INCIDENT_SEVERITY_SEV1 &&
                    i.severity() <= v1::INCIDENT_SEVERITY_SEV4);
            ++severities[i.severity()];
            const int64_t started = i.milestones().started_at().seconds();
            const int64_t resolved = i.milestones().resolved_at().seconds();
            QVERIFY(started >= kHistoryFrom);
            QVERIFY(resolved <= kStart - kDay);
        }
        qInfo("by severity: SEV-1 %d, SEV-2 %d, SEV-3 %d, SEV-4 %d", severities[1], severities[2],
              severities[3], severities[4]);
        QVERIFY(severities[3] > 0 && severities[2] > 0);
    }

    void milestonesObeyTheContract()
    {
        int withoutAck = 0;
        const int64_t nowMs = sim_->platform->clock().nowMs();
        for (const v1::Incident& i : list_) {
            const v1::IncidentMilestones& m = i.milestones();
            QVERIFY(wfsim::IncidentMilestones::check(m, nowMs, "milestones.").ok());
            QVERIFY(m.has_started_at() && m.has_detected_at() && m.has_mitigated_at() &&
                    m.has_resolved_at());
            const int64_t started = msOf(m.started_at());
            const int64_t detected = msOf(m.detected_at());
            const int64_t mitigated = msOf(m.mitigated_at());
            const int64_t resolved = msOf(m.resolved_at());
            const auto minutes = [](int64_t ms) { return double(ms) / 60000.0; };
            QVERIFY(minutes(detected - started) >= 2 && minutes(detected - started) <= 25);
            QVERIFY(minutes(mitigated - started) >= 10 && minutes(mitigated - started) <= 120);
            QVERIFY(minutes(resolved - mitigated) >= 5 && minutes(resolved - mitigated) <= 60);
            if (m.has_acknowledged_at()) {
                const int64_t ack = msOf(m.acknowledged_at());
                QVERIFY(minutes(ack - detected) >= 1 && minutes(ack - detected) <= 12);
                QVERIFY(ack <= resolved);
                QCOMPARE(msOf(i.declared_at()), ack);
            } else {
                ++withoutAck;
                QCOMPARE(msOf(i.declared_at()), detected);
            }
        }
        qInfo("%d of %zu incidents were never acknowledged", withoutAck, list_.size());
        QVERIFY(withoutAck >= 1);
        QVERIFY(withoutAck <= int(list_.size()) / 5 + 1);
    }

    void postmortemsFollowTheFormat()
    {
        const QRegularExpression causeLine(
            QStringLiteral("^Cause: (%1)\\. Service: ([a-z-]+)\\.$").arg(categoryPattern()));
        const QRegularExpression factorLine(
            QStringLiteral("^- (%1): \\S.*$").arg(categoryPattern()));
        std::map<QString, int> causes;
        int oldItems = 0, oldClosed = 0, newItems = 0, newOpen = 0;
        for (const v1::Incident& i : list_) {
            const v1::GetIncidentResponse& d = details_.at(i.id());
            QCOMPARE(d.postmortem_sections_size(), 10);
            const QString rootCause = QString::fromStdString(sectionText(d, "root_cause"));
            const QStringList lines = rootCause.split('\n');
            QVERIFY2(lines.size() >= 2 && !lines[1].isEmpty(), qPrintable(rootCause));
            const auto match = causeLine.match(lines[0]);
            QVERIFY2(match.hasMatch(), qPrintable(lines[0]));
            ++causes[match.captured(1)];
            // The service takes part in the incident's journey.
            const int s = ServiceCatalog::index(match.captured(2).toStdString());
            QVERIFY2(s >= 0, qPrintable(match.captured(2)));
            const auto& journeys = ServiceCatalog::services()[size_t(s)].journeys;
            QVERIFY(std::find(journeys.begin(), journeys.end(), i.journeys(0)) != journeys.end());

            const QStringList factors =
                QString::fromStdString(sectionText(d, "contributing_factors")).split('\n');
            QVERIFY(factors.size() >= 1 && factors.size() <= 3);
            for (const QString& f : factors)
                QVERIFY2(factorLine.match(f).hasMatch(), qPrintable(f));
            for (const char* key : {"summary", "impact", "went_well", "went_badly"}) {
                const std::string text = sectionText(d, key);
                QVERIFY2(!text.empty(), key);
                QVERIFY2(text.find('\n') == std::string::npos, key);
            }
            for (const v1::PostmortemSection& s : d.postmortem_sections()) {
                if (!s.text().empty()) {
                    QCOMPARE(s.revision(), int64_t(1));
                    QCOMPARE(s.updated_by(), i.roles().commander());
                }
            }

            QVERIFY(d.action_items_size() >= 1 && d.action_items_size() <= 3);
            const QDate incidentDay = QDateTime::fromSecsSinceEpoch(
                                          i.milestones().resolved_at().seconds(), QTimeZone::utc())
                                          .date();
            const bool old = kStart - i.milestones().resolved_at().seconds() > 30 * kDay;
            for (const v1::ActionItem& a : d.action_items()) {
                QVERIFY(!a.title().empty() && !a.owner().empty());
                const QDate due =
                    QDate::fromString(QString::fromStdString(a.due_date()), Qt::ISODate);
                QVERIFY2(due.isValid(), a.due_date().c_str());
                QVERIFY2(incidentDay.daysTo(due) >= 7 && incidentDay.daysTo(due) <= 31,
                         a.due_date().c_str());
                QVERIFY(a.priority() != v1::ACTION_ITEM_PRIORITY_UNSPECIFIED);
                QVERIFY(a.type() != v1::ACTION_ITEM_TYPE_UNSPECIFIED);
                QVERIFY(a.status() != v1::ACTION_ITEM_STATUS_UNSPECIFIED);
                const bool closed = a.status() == v1::ACTION_ITEM_STATUS_DONE ||
                                    a.status() == v1::ACTION_ITEM_STATUS_WONT_DO;
                if (old) {
                    ++oldItems;
                    oldClosed += closed;
                } else {
                    ++newItems;
                    newOpen += !closed;
                }
            }
        }
        for (const auto& [cause, count] : causes)
            qInfo("cause %s: %d", qPrintable(cause), count);
        qInfo("action items: %d of %d older than 30 days closed, %d of %d newer open", oldClosed,
              oldItems, newOpen, newItems);
        QVERIFY(causes["change"] > 0);
        QVERIFY(oldItems > 0 && oldClosed * 2 > oldItems);
        QVERIFY(newItems > 0 && newOpen * 2 > newItems);
    }

    void changesNameRealDeploys()
    {
        const QRegularExpression deployText(
            QStringLiteral("^Deploy (dep-\\d{6,}) of ([a-z-]+) (\\S+) to ([a-z-]+) started$"));
        const QRegularExpression anyDeployId(QStringLiteral("dep-\\d{6,}"));
        int changes = 0, rolledBack = 0;
        std::set<std::string> named;
        for (const v1::Incident& i : list_) {
            const v1::GetIncidentResponse& d = details_.at(i.id());
            const QString rootCause = QString::fromStdString(sectionText(d, "root_cause"));
            const bool change = rootCause.startsWith("Cause: change.");
            const v1::TimelineEntry* deployEntry = nullptr;
            for (const v1::TimelineEntry& e : d.timeline()) {
                if (e.kind() == v1::TIMELINE_ENTRY_KIND_DEPLOY)
                    deployEntry = &e;
            }
            if (!change) {
                // Nothing else names a deploy (the change failure rate counts those).
                QVERIFY(!deployEntry);
                for (const v1::TimelineEntry& e : d.timeline())
                    QVERIFY2(!QString::fromStdString(e.text()).contains(anyDeployId),
                             e.text().c_str());
                for (const v1::PostmortemSection& s : d.postmortem_sections())
                    QVERIFY2(!QString::fromStdString(s.text()).contains(anyDeployId),
                             s.text().c_str());
                continue;
            }
            ++changes;
            QVERIFY2(deployEntry, i.id().c_str());
            const auto match = deployText.match(QString::fromStdString(deployEntry->text()));
            QVERIFY2(match.hasMatch(), deployEntry->text().c_str());
            const std::string id = match.captured(1).toStdString();
            const auto it = deploys_.find(id);
            QVERIFY2(it != deploys_.end(), id.c_str());
            const v1::Deploy& deploy = it->second;
            QCOMPARE(match.captured(2).toStdString(), deploy.service());
            QCOMPARE(match.captured(3).toStdString(), deploy.version());
            QCOMPARE(match.captured(4).toStdString(), deploy.region());
            QCOMPARE(deploy.region(), i.regions(0));
            QVERIFY(
                rootCause.contains("Service: " + QString::fromStdString(deploy.service()) + "."));
            QVERIFY(rootCause.contains(QString::fromStdString(id)));
            QCOMPARE(msOf(deployEntry->at()), msOf(deploy.started_at()));
            const int64_t before = msOf(i.milestones().started_at()) - msOf(deploy.started_at());
            QVERIFY2(before >= 5 * 60000 && before <= 60 * 60000,
                     qPrintable(QString::number(before)));
            QVERIFY(named.insert(id).second);  // one incident per deploy
            if (deploy.status() == v1::DEPLOY_STATUS_ROLLED_BACK) {
                ++rolledBack;
                QVERIFY(deploy.has_finished_at());
                QVERIFY(!deploy.rolled_back_by_action().empty());
                // Rolled back by the time it was mitigated.
                QCOMPARE(msOf(deploy.finished_at()), msOf(i.milestones().mitigated_at()));
            } else {
                QCOMPARE(deploy.status(), v1::DEPLOY_STATUS_SUCCEEDED);
            }
        }
        qInfo("%d change-caused incidents, %d of their deploys rolled back", changes, rolledBack);
        QVERIFY(changes >= 3);
        QVERIFY(std::abs(2 * rolledBack - changes) <= 1);

        // About 3% of the other deploys are rolled back without an incident.
        int others = 0, othersRolledBack = 0;
        for (const auto& [id, d] : deploys_) {
            if (named.count(id))
                continue;
            ++others;
            if (d.status() == v1::DEPLOY_STATUS_ROLLED_BACK) {
                ++othersRolledBack;
                QVERIFY(d.has_finished_at() && !d.rolled_back_by_action().empty());
            }
        }
        const double share = double(othersRolledBack) / double(others);
        qInfo("%d deploys over %d days, %d others rolled back (%.1f%%)", int(deploys_.size()),
              kDays, othersRolledBack, share * 100);
        QVERIFY(share > 0.015 && share < 0.05);
        // The deploys cover the whole 90 days.
        int64_t earliest = kStart;
        for (const auto& [id, d] : deploys_)
            earliest = std::min<int64_t>(earliest, d.started_at().seconds());
        QVERIFY(earliest < kHistoryFrom + kDay);
    }

    void samplesDipDuringIncidents()
    {
        v1::GetHistoryRequest request;
        wfsim::proto_time::setSeconds(request.mutable_range()->mutable_start(), kHistoryFrom);
        wfsim::proto_time::setSeconds(request.mutable_range()->mutable_end(), kStart);
        request.mutable_resolution()->set_seconds(3600);
        v1::GetHistoryResponse response;
        QElapsedTimer timer;
        timer.start();
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            QVERIFY(sim_->health->GetHistory(&context, request, &response).ok());
        }
        const qint64 callMs = timer.elapsed();
        timer.restart();
        v1::GetHistoryResponse direct;
        wfsim::HistoryAggregator(*sim_->platform)
            .fill(wfsim::SeriesFilter::kAll, kHistoryFrom, kStart, 3600 * 1000000000LL, 0, &direct);
        const qint64 serverMs = timer.elapsed();
        qInfo(
            "GetHistory, 15 series over %d days at 1 h: %lld ms per call (the server builds it "
            "in %lld ms, %zu bytes)",
            kDays, callMs, serverMs, direct.ByteSizeLong());

        QCOMPARE(response.series_size(), JourneyCatalog::kSeriesCount);
        std::map<std::pair<std::string, std::string>, SeriesBuckets> series;
        for (const v1::HealthSeries& s : response.series()) {
            QCOMPARE(s.samples_size(), kDays * 24);
            QCOMPARE(s.samples(0).interval_start().seconds(), kHistoryFrom);
            SeriesBuckets& buckets = series[{s.journey_id(), s.region()}];
            for (const v1::HealthSample& sample : s.samples())
                buckets[sample.interval_start().seconds()] = {sample.good(), sample.valid()};
        }

        int checked = 0;
        double clearest = 0;
        for (const v1::Incident& i : list_) {
            const int64_t started = i.milestones().started_at().seconds();
            const int64_t mitigated = i.milestones().mitigated_at().seconds();
            const int64_t from = floorTo(started, 3600);
            const int64_t to = floorTo(mitigated - 1, 3600) + 3600;
            // Skip one whose day before holds another incident on its series.
            bool crowded = false;
            for (const v1::Incident& other : list_) {
                crowded =
                    crowded || (other.id() != i.id() && other.journeys(0) == i.journeys(0) &&
                                other.regions(0) == i.regions(0) &&
                                other.milestones().started_at().seconds() < to - kDay &&
                                other.milestones().mitigated_at().seconds() > from - kDay - 3600);
            }
            const SeriesBuckets& buckets = series.at({i.journeys(0), i.regions(0)});
            bool insideComplete = false, beforeComplete = false;
            const double inside = goodFraction(buckets, from, to, &insideComplete);
            const double before = goodFraction(buckets, from - kDay, to - kDay, &beforeComplete);
            if (crowded || !insideComplete || !beforeComplete)
                continue;
            ++checked;
            // What the dip should take away from these buckets (ramps left out).
            const double expected = (1 - HistoryBackfill::sliOf(int(i.severity()))) *
                                    double(mitigated - started - 120) / double(to - from);
            QVERIFY2(before - inside > 0.25 * expected,
                     qPrintable(QString("%1: inside %2, the day before %3, expected a dip of %4")
                                    .arg(QString::fromStdString(i.title()))
                                    .arg(inside)
                                    .arg(before)
                                    .arg(expected)));
            clearest = std::max(clearest, before - inside);
        }
        qInfo("%d incident windows checked; the clearest dip is %.1f points", checked,
              clearest * 100);
        QVERIFY(checked >= int(list_.size()) / 2);
        QVERIFY(clearest > 0.01);

        // At 5 minutes (the last 35 days), fully inside an incident the good
        // fraction is about the severity's.
        int fine = 0;
        for (const v1::Incident& i : list_) {
            const int64_t started = i.milestones().started_at().seconds();
            const int64_t mitigated = i.milestones().mitigated_at().seconds();
            if (started < kStart - 34 * kDay || mitigated - started < 20 * 60)
                continue;
            v1::GetHistoryRequest window;
            window.add_journey_ids(i.journeys(0));
            window.add_regions(i.regions(0));
            wfsim::proto_time::setSeconds(window.mutable_range()->mutable_start(), started + 180);
            wfsim::proto_time::setSeconds(window.mutable_range()->mutable_end(),
                                          floorTo(mitigated - 120, 300));
            window.mutable_resolution()->set_seconds(300);
            v1::GetHistoryResponse samples;
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            QVERIFY(sim_->health->GetHistory(&context, window, &samples).ok());
            int64_t good = 0, valid = 0;
            for (const v1::HealthSample& s : samples.series(0).samples()) {
                good += s.good();
                valid += s.valid();
            }
            if (valid == 0)
                continue;
            ++fine;
            const double fraction = double(good) / double(valid);
            const double sli = HistoryBackfill::sliOf(int(i.severity()));
            QVERIFY2(std::abs(fraction - sli) < 0.02,
                     qPrintable(QString("%1: %2, severity's %3")
                                    .arg(QString::fromStdString(i.id()))
                                    .arg(fraction)
                                    .arg(sli)));
        }
        QVERIFY(fine > 0);
    }

    void incidentsBehaveLikeDeclaredOnes()
    {
        // The list's stream position, then a console adds a note to a backfilled incident.
        const v1::ListIncidentsResponse list = incidents_->list();
        QVERIFY(list.incidents_size() > 0);
        QCOMPARE(list.page().total_size(), int64_t(list_.size()));
        const std::string id = list.incidents(list.incidents_size() - 1).id();
        StreamWatcher<v1::IncidentEvent> watcher([&](grpc::ClientContext* context) {
            v1::StreamIncidentEventsRequest request;
            request.set_stream_epoch(list.stream_epoch());
            request.set_resume_after_sequence(list.up_to_sequence());
            return incidents_->stub->StreamIncidentEvents(context, request);
        });
        v1::AppendTimelineEntriesRequest append;
        append.mutable_context()->set_idempotency_key(
            QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        append.mutable_context()->set_reason("postmortem review");
        append.set_incident_id(id);
        v1::TimelineEntry* note = append.add_entries();
        note->set_id(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        note->set_kind(v1::TIMELINE_ENTRY_KIND_NOTE);
        wfsim::proto_time::setSeconds(note->mutable_at(), kStart - 60);
        note->set_text("Reviewed in the weekly incident review.");
        v1::AppendTimelineEntriesResponse appended;
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, incidents_->operatorToken);
            const grpc::Status status =
                incidents_->stub->AppendTimelineEntries(&context, append, &appended);
            QVERIFY2(status.ok(), status.error_message().c_str());
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const v1::IncidentEvent& e : watcher.events()) {
                    if (e.incident_id() == id && e.has_timeline_entry() &&
                        e.timeline_entry().id() == note->id())
                        return true;
                }
                return false;
            },
            10000));
        const v1::GetIncidentResponse after = incidents_->get(id);
        QCOMPARE(after.timeline(after.timeline_size() - 1).id(), note->id());

        // Declaring the same id with other details is refused like any reused id.
        v1::DeclareIncidentRequest declare;
        declare.mutable_context()->set_idempotency_key("declare-again");
        declare.mutable_context()->set_reason("test");
        *declare.mutable_incident() = list.incidents(0);
        declare.mutable_incident()->set_title("Something else");
        v1::DeclareIncidentResponse declared;
        grpc::ClientContext context;
        ActionFixture::prepare(context, incidents_->operatorToken);
        const grpc::Status status = incidents_->stub->DeclareIncident(&context, declare, &declared);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        v1::ErrorDetail detail;
        QVERIFY(detail.ParseFromString(status.error_details()));
        QCOMPARE(detail.reason(), std::string("INCIDENT_ID_REUSED"));
    }

    void keptOnceInAnIncidentFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PlatformSettings settings = backfilled();
        settings.incidentDbPath = dir.filePath("incidents.sqlite").toStdString();
        {
            wfsim::SimulatedPlatform first(settings);
            QVERIFY(first.incidents().isOpen());
            QCOMPARE(first.backfilledIncidents(), list_.size());
        }
        wfsim::SimulatedPlatform second(settings);
        QCOMPARE(second.backfilledIncidents(), size_t(0));
        QCOMPARE(second.incidents().size(), list_.size());
    }

    void withoutTheOptionNothingIsBackfilled()
    {
        ActionFixture plain(settingsFor("quiet-day", 1));
        QCOMPARE(Incidents(plain).list().incidents_size(), 0);
        QVERIFY(flagChanges(plain, kHistoryFrom, kStart).empty());
        QCOMPARE(plain.platform->backfilledIncidents(), size_t(0));
        v1::GetHistoryRequest request;
        wfsim::proto_time::setSeconds(request.mutable_range()->mutable_start(), kHistoryFrom);
        wfsim::proto_time::setSeconds(request.mutable_range()->mutable_end(), kStart);
        request.mutable_resolution()->set_seconds(3600);
        v1::GetHistoryResponse response;
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        QVERIFY(plain.health->GetHistory(&context, request, &response).ok());
        QCOMPARE(response.series(0).samples(0).interval_start().seconds(), kStart - 35 * kDay);
        QCOMPARE(response.series(0).samples_size(), 35 * 24);
        // Deploys over 7 days, none rolled back.
        const auto deploys = deploysStarted(plain, kHistoryFrom, kStart);
        QVERIFY(deploys.size() > 500 && deploys.size() < 800);
        for (const auto& [id, d] : deploys) {
            QVERIFY(d.started_at().seconds() >= kStart - 7 * kDay);
            QVERIFY(d.status() != v1::DEPLOY_STATUS_ROLLED_BACK);
        }
    }

    void executableListensQuickly()
    {
        const QString program = qEnvironmentVariable("WATCHFLOOR_SIM");
        if (program.isEmpty())
            QSKIP("WATCHFLOOR_SIM is not set (run through ctest)");
        QProcess help;
        help.start(program, {"--help"});
        QVERIFY(help.waitForFinished(5000));
        QVERIFY(help.readAllStandardOutput().contains("--history-days"));

        QProcess sim;
        QElapsedTimer timer;
        timer.start();
        sim.start(program, {"--history-days", "90", "--seed", "7"});
        QVERIFY(sim.waitForStarted(5000));
        while (!sim.canReadLine())
            QVERIFY(sim.waitForReadyRead(10000));
        const qint64 ms = timer.elapsed();
        QVERIFY(QString::fromUtf8(sim.readLine()).startsWith("LISTENING 127.0.0.1:"));
        qInfo("watchfloor-sim --history-days 90 listening after %lld ms", ms);
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(sim.readAllStandardError().contains("history backfilled over 90 days"));

        QProcess refused;
        refused.start(program, {"--history-days", "401"});
        QVERIFY(refused.waitForFinished(5000));
        QVERIFY(refused.exitCode() != 0);
        QVERIFY(refused.readAllStandardError().startsWith("watchfloor-sim: --history-days"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryBackfill)
#include "tst_history_backfill.moc"
