#include "history_backfill.h"

#include "random_draws.h"
#include "sample_random.h"
#include "service_catalog.h"

#include <QString>
#include <QUuid>
#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <set>
#include <utility>

namespace wfsim {

namespace {

int64_t rounded(double v)
{
    return static_cast<int64_t>(std::llround(v));
}

constexpr uint64_t kWeekStream = 0x4B1570;      // incidents per week
constexpr uint64_t kIncidentStream = 0x4B1571;  // one incident's draws
constexpr uint64_t kRollbackStream = 0x4B1600;  // + pair: deploys rolled back alone
constexpr uint64_t kPairingStream = 0x4B1572;   // which change of two is rolled back
constexpr uint64_t kAckStream = 0x4B1573;       // which incident of ten was never acknowledged

constexpr int64_t kMinute = 60'000;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kWeekMs = 7 * kDayMs;

// Severity SEV-1..SEV-4.
constexpr std::array<double, 4> kSeverityWeights = {0.10, 0.30, 0.40, 0.20};
// change, dependency/vendor, capacity, configuration, data, process, monitoring gap.
constexpr std::array<double, 7> kCategoryWeights = {0.40, 0.20, 0.14, 0.11, 0.07, 0.05, 0.03};
// checkout-availability, payment-authorization, order-creation, checkout-latency, add-to-cart.
constexpr std::array<double, 5> kJourneyWeights = {0.22, 0.30, 0.14, 0.16, 0.18};
// us-east, eu-west, ap-south.
constexpr std::array<double, 3> kRegionWeights = {0.45, 0.35, 0.20};
constexpr std::array<double, 4> kSli = {0.80, 0.92, 0.97, 0.985};
constexpr std::array<double, 4> kLatencyFactor = {3.0, 2.2, 1.6, 1.3};

struct HistoryDeploy {
    int64_t n;
    int64_t startMs;
    bool fails;
};

// The services taking part in journey `j`, the first one the most likely
// to be blamed (70%).
int serviceFor(const JourneyCatalog& catalog, int j, double u)
{
    std::vector<int> services;
    const auto& all = ServiceCatalog::services();
    for (size_t s = 0; s < all.size(); ++s) {
        const auto& journeys = all[s].journeys;
        if (std::find(journeys.begin(), journeys.end(), catalog.journey(j).id) != journeys.end())
            services.push_back(static_cast<int>(s));
    }
    if (services.size() == 1 || u < 0.7)
        return services.front();
    const double rest = (u - 0.7) / 0.3;
    const size_t k =
        1 + std::min(services.size() - 2,
                     static_cast<size_t>(rest * static_cast<double>(services.size() - 1)));
    return services[k];
}

}  // namespace

const std::vector<std::string>& HistoryBackfill::categories()
{
    static const std::vector<std::string> kCategories = {
        "change", "dependency/vendor", "capacity",       "configuration",
        "data",   "process",           "monitoring gap",
    };
    return kCategories;
}

double HistoryBackfill::sliOf(int severity)
{
    return kSli[static_cast<size_t>(std::clamp(severity, 1, 4) - 1)];
}

const std::string& HistoryBackfill::idNamespace()
{
    static const std::string kNamespace =
        QUuid::createUuidV5(QUuid(), QStringLiteral("watchfloor-sim/history-backfill"))
            .toString(QUuid::WithoutBraces)
            .toStdString();
    return kNamespace;
}

HistoryBackfill::HistoryBackfill(uint64_t seed, int64_t startSeconds, int historyDays,
                                 const DeploySchedule& schedule)
    : seed_(seed), start_(startSeconds), days_(std::max(0, historyDays))
{
    if (days_ == 0)
        return;
    const JourneyCatalog catalog;
    const int64_t startMs = startSeconds * 1000;
    flagChanges_ = planFlagHistory(seed, startSeconds, days_);

    // The deploys of the history, per (service, region) pair, as the DeployStore lays them out.
    const int pairs = DeploySchedule::pairCount();
    std::vector<std::vector<HistoryDeploy>> deploys(static_cast<size_t>(pairs));
    for (int pair = 0; pair < pairs; ++pair) {
        int64_t previous = 0;
        for (int64_t n = 0;; ++n) {
            const PlannedDeploy plan = schedule.plan(pair, n, previous);
            if (plan.startSeconds >= startSeconds)
                break;
            deploys[static_cast<size_t>(pair)].push_back({n, plan.startSeconds * 1000, plan.fails});
            previous = plan.startSeconds;
        }
    }
    std::set<std::pair<int, int64_t>> named;  // (pair, n) of deploys an incident names

    // Incidents start in [from, to]: everything is over a day before the start.
    const int64_t from = startMs - int64_t{days_} * kDayMs + 60 * kMinute;
    const int64_t to = startMs - kDayMs - 4 * 60 * kMinute;
    struct Draft {
        BackfilledIncident incident;
        int64_t order;
        int64_t mitigateMs;  // after started
        int64_t resolveMs;   // after mitigated
    };
    std::vector<Draft> drafts;
    int64_t order = 0;
    for (int64_t week = 0; from + week * kWeekMs < to; ++week) {
        const int64_t weekFrom = from + week * kWeekMs;
        const int64_t weekTo = std::min(weekFrom + kWeekMs, to);
        const SampleRandom weekRandom(seed, kWeekStream, week, 0);
        // Some weeks are calm, some bad: the mean varies 0.3x to 1.7x.
        const double mean = kIncidentsPerWeek * weekRandom.uniform(0, 0.3, 1.7) *
                            static_cast<double>(weekTo - weekFrom) / static_cast<double>(kWeekMs);
        const int count = poisson(mean, weekRandom.uniform(1));
        for (int k = 0; k < count; ++k) {
            const SampleRandom r(seed, kIncidentStream, week, k);
            BackfilledIncident i;
            const int64_t at = weekFrom + rounded(r.uniform(0) * double(weekTo - weekFrom));
            i.severity = pick(kSeverityWeights, r.uniform(1)) + 1;
            i.journey = pick(kJourneyWeights, r.uniform(2));
            i.region = pick(kRegionWeights, r.uniform(3));
            i.category = pick(kCategoryWeights, r.uniform(4));
            i.service = serviceFor(catalog, i.journey, r.uniform(5));
            i.textKey = r.bits(6);
            i.startedMs = at / 1000 * 1000;
            if (i.category == kChange) {
                // A deploy of the service in the region that started 5-60 minutes before.
                const int pair = i.service * JourneyCatalog::kRegionCount + i.region;
                const auto& list = deploys[static_cast<size_t>(pair)];
                auto it = std::upper_bound(
                    list.begin(), list.end(), at - 5 * kMinute,
                    [](int64_t t, const HistoryDeploy& d) { return t < d.startMs; });
                const HistoryDeploy* chosen = nullptr;
                for (auto back = it; back != list.begin();) {
                    --back;
                    if (!back->fails && !named.count({pair, back->n})) {
                        chosen = &*back;
                        break;
                    }
                }
                for (; !chosen && it != list.end(); ++it) {
                    if (!it->fails && !named.count({pair, it->n}))
                        chosen = &*it;
                }
                const int64_t started =
                    chosen ? chosen->startMs + 1000 * rounded(r.uniform(7, 300, 3600)) : 0;
                if (!chosen || started < from || started > to + 60 * kMinute)
                    continue;  // no such deploy: this week has one incident less
                named.insert({pair, chosen->n});
                i.deployPair = pair;
                i.deployN = chosen->n;
                i.startedMs = started;
            }
            // Milestones, in whole seconds.
            const auto minutes = [&](uint64_t k, double lo, double hi) {
                return 1000 * rounded(r.uniform(k, lo * 60, hi * 60));
            };
            const bool gap = i.category == kMonitoringGap;
            i.detectedMs = i.startedMs + (gap ? minutes(8, 15, 25) : minutes(8, 2, 25));
            i.acknowledgedMs = i.detectedMs + minutes(10, 1, 12);  // unless left out below
            drafts.push_back({i, order++, minutes(11, 10, 120), minutes(12, 5, 60)});
        }
    }
    std::sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) {
        return std::pair(a.incident.startedMs, a.order) < std::pair(b.incident.startedMs, b.order);
    });

    const QUuid ns = QUuid::fromString(QString::fromStdString(idNamespace()));
    std::vector<size_t> changes;
    for (Draft& d : drafts) {
        BackfilledIncident& i = d.incident;
        i.index = static_cast<int>(incidents_.size());
        i.id = QUuid::createUuidV5(ns, QStringLiteral("%1/%2").arg(seed).arg(i.index))
                   .toString(QUuid::WithoutBraces)
                   .toStdString();
        // One in ten (in start order: one of each ten, at random) was never acknowledged.
        const int64_t block = i.index / 10;
        const SampleRandom ack(seed, kAckStream, block, 0);
        if (static_cast<int64_t>(ack.bits(0) % 10) == i.index % 10)
            i.acknowledgedMs = -1;
        // Mitigated 10-120 minutes after it started, and at least 6 minutes
        // after it was declared (notes, a rollback), so after detected too.
        i.mitigatedMs = std::max(i.startedMs + d.mitigateMs, i.declaredMs() + 6 * kMinute);
        i.resolvedMs = i.mitigatedMs + d.resolveMs;
        if (i.deployPair >= 0)
            changes.push_back(incidents_.size());
        incidents_.push_back(std::move(i));
    }
    // Half of the changes are rolled back: one of each two in start order.
    for (size_t k = 0; k < changes.size(); k += 2) {
        const SampleRandom r(seed, kPairingStream, static_cast<int64_t>(k), 0);
        const bool first = r.uniform(0) < 0.5;
        size_t chosen = changes[k];
        if (k + 1 < changes.size())
            chosen = first ? changes[k] : changes[k + 1];
        else if (!first)
            continue;
        BackfilledIncident& i = incidents_[chosen];
        i.rolledBack = true;
        i.rollbackMs = i.mitigatedMs - 2 * kMinute;  // DeployStore::kRollbackMs
        rollbacks_.push_back({i.deployPair, i.deployN, i.rollbackMs});
    }
    // About 3% of the other deploys are rolled back by themselves, 9-50 minutes in.
    for (int pair = 0; pair < pairs; ++pair) {
        for (const HistoryDeploy& d : deploys[static_cast<size_t>(pair)]) {
            const SampleRandom r(seed, kRollbackStream + static_cast<uint64_t>(pair), d.n, 0);
            if (d.fails || named.count({pair, d.n}) || r.uniform(0) >= kSpontaneousRollbackShare)
                continue;
            const int64_t at = d.startMs + 1000 * rounded(r.uniform(1, 540, 3000));
            if (at + 2 * kMinute < startMs)
                rollbacks_.push_back({pair, d.n, at});
        }
    }

    // The dips: from started to mitigated, ramping over two minutes.
    for (const BackfilledIncident& i : incidents_) {
        ScenarioEffect e;
        e.atSeconds = static_cast<double>(i.startedMs - startMs) / 1000.0;
        e.durationSeconds = static_cast<double>(i.mitigatedMs - i.startedMs) / 1000.0;
        e.rampSeconds = 120;
        e.journey = i.journey;
        e.region = i.region;
        e.sli = sliOf(i.severity);
        if (catalog.journey(i.journey).kind == SliKind::Latency)
            e.latencyFactor = kLatencyFactor[static_cast<size_t>(i.severity - 1)];
        e.note = "history incident " + i.id;
        effects_.push_back(e);
    }
}

}  // namespace wfsim
