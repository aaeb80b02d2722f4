// HistoryBackfill: the backfilled incidents as records (the incident, its
// timeline, postmortem sections and action items), worded from small lists
// with draws keyed by the incident, so the same seed gives the same texts.
//
// What a console can rely on:
//   - root_cause's first line is exactly "Cause: <category>. Service: <service>."
//     with a category of categories() and a service of the journey;
//   - contributing_factors holds 1-3 lines "- <category>: <text>";
//   - a change names its deploy by id in a DEPLOY timeline entry ("Deploy
//     dep-000123 of payments-api 2026.09.01-2 to eu-west started") and in
//     the root cause; other incidents name no deploy.
#include "deploy_store.h"
#include "history_backfill.h"
#include "idempotency_store.h"
#include "incident_keys.h"
#include "proto_time.h"
#include "sample_random.h"
#include "service_catalog.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>
#include <QUuid>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>

namespace wfsim {

namespace v1 = watchfloor::v1;
namespace keys = incident_keys;

namespace {

int64_t rounded(double v)
{
    return static_cast<int64_t>(std::llround(v));
}

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDayMs = 24 * kHour;

const char* const kCommanders[] = {"dana", "li.wei", "priya", "mateo", "noor", "jonas"};
const char* const kCommsLeads[] = {"sam", "aiko", "elena", "tomas"};
const char* const kScribes[] = {"ravi", "greta", "yusuf", "mei"};
const char* const kOwners[] = {"dana", "li.wei", "sam",  "priya", "mateo",
                               "noor", "jonas",  "aiko", "ravi",  "greta"};

// Per journey (catalog order): the symptom, what is counted, what failing means.
struct JourneyWords {
    const char* symptom;  // "Payment authorization failures"
    const char* noun;     // "payment authorizations"
    const char* failed;   // "failed"
    std::vector<const char*> dependencies;
};

const JourneyWords& journeyWords(int j)
{
    static const JourneyWords kWords[] = {
        {"Checkout errors", "checkout requests", "failed", {"payments-acme", "tax-ledger"}},
        {"Payment authorization failures",
         "payment authorizations",
         "failed",
         {"payments-acme", "fraud-sentinel", "payments-globex"}},
        {"Order creation failures", "orders", "failed", {"the orders database", "the event bus"}},
        {"Slow checkout",
         "checkout requests",
         "took longer than 800 ms",
         {"tax-ledger", "shipping-parcelly"}},
        {"Add-to-cart errors", "add-to-cart requests", "failed", {"the session cache", "the CDN"}},
    };
    return kWords[std::clamp(j, 0, 4)];
}

std::string lowerFirst(std::string s)
{
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

// A capital first letter, unless the first word is an id ("payments-acme").
std::string upperFirst(std::string s)
{
    const std::string first = s.substr(0, s.find(' '));
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z' && first.find_first_of("-.") == std::string::npos)
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

QDateTime utc(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

std::string clock(int64_t ms)
{
    return utc(ms).toString(QStringLiteral("HH:mm")).toStdString();
}

std::string date(int64_t ms)
{
    return utc(ms).toString(QStringLiteral("yyyy-MM-dd")).toStdString();
}

std::string percent(double v, int decimals)
{
    return QString::number(v * 100, 'f', decimals).toStdString();
}

// The words one incident is told in: "{token}" in a template becomes its value.
class Words {
public:
    void set(const std::string& token, const std::string& value) { values_[token] = value; }

    std::string fill(std::string text) const
    {
        for (const auto& [token, value] : values_) {
            const std::string key = "{" + token + "}";
            for (size_t at = text.find(key); at != std::string::npos;
                 at = text.find(key, at + value.size())) {
                text.replace(at, key.size(), value);
            }
        }
        return text;
    }
    // The same, starting a sentence or a title.
    std::string sentence(const std::string& text) const { return upperFirst(fill(text)); }

private:
    std::map<std::string, std::string> values_;
};

// Templates per cause category (categories() order).
struct CategoryWords {
    std::vector<const char*> titles;
    std::vector<const char*> rootCauses;  // after the "Cause: ..." line
    const char* trigger;                  // for the summary
    const char* finding;                  // a note while investigating
    const char* factor;                   // as a contributing factor
    const char* prevent;                  // a PREVENT action item
};

const CategoryWords& categoryWords(int c)
{
    static const CategoryWords kWords[] = {
        {{"{Symptom} in {region} after a {service} deploy",
          "{Symptom} in {region} from a bad {service} release"},
         {"Deploy {deploy} ({service} {version}) changed the connection pool size and exhausted "
          "database connections under load.",
          "Deploy {deploy} ({service} {version}) shipped a serializer change that rejected "
          "requests from older clients.",
          "Deploy {deploy} ({service} {version}) enabled a retry policy that turned timeouts into "
          "a storm of errors.",
          "Deploy {deploy} ({service} {version}) put a slow query on the request path."},
         "a {service} deploy ({deploy}) was the trigger",
         "Errors started minutes after {deploy} ({service} {version}) reached {region}; looking "
         "at the diff.",
         "the release reached all of {region} before the canary could show the problem",
         "Add an automated canary check to the {service} pipeline"},
        {{"{Symptom} in {region}: {dependency} timing out",
          "{dependency} degradation causes {symptom} in {region}"},
         {"{dependency} answered slowly and timed out a share of calls; {service} had no fallback "
          "for it.",
          "{dependency} failed a share of calls in {region} after a change on their side; "
          "{service} retried them until its queue filled."},
         "{dependency} was degrading",
         "{dependency} calls from {service} timing out in {region}; their status page still says "
         "operational.",
         "nothing falls back when {dependency} is slow",
         "Add a fallback for {dependency} in {service}"},
        {{"{Symptom} in {region} under peak load",
          "{Symptom} in {region}: {service} out of capacity"},
         {"{service} ran out of worker threads in {region} as traffic peaked; autoscaling reacted "
          "too slowly.",
          "{service} ran out of database connections in {region} at the daily peak; the pool had "
          "not grown with traffic."},
         "{service} ran out of capacity",
         "{service} in {region} at full CPU; requests are queueing.",
         "{service} runs close to its limits at the peak in {region}",
         "Load-test {service} at twice the peak and raise its autoscaling floor"},
        {{"{Symptom} in {region} after a {service} configuration change",
          "Wrong {service} settings in {region} cause {symptom}"},
         {"A configuration push to {service} set a request timeout of 200 ms, below its "
          "dependency's 99th percentile.",
          "A configuration push pointed {service} in {region} at the wrong upstream pool."},
         "a {service} configuration change was the trigger",
         "A configuration push to {service} lines up with the start of the errors.",
         "timeouts and retries are set per service and nobody owns the whole chain",
         "Validate {service} configuration changes in CI before they ship"},
        {{"{Symptom} in {region} from malformed records in {service}",
          "Bad data in {service} causes {symptom} in {region}"},
         {"{service} met records it could not parse (a product feed with missing currencies) and "
          "failed every request that touched them."},
         "malformed records reached {service}",
         "Every failing request touches records imported by the last feed run.",
         "records are not validated where they enter {service}",
         "Validate feed records before they reach {service}"},
        {{"{Symptom} in {region} during manual {service} maintenance",
          "An unannounced {service} migration step causes {symptom} in {region}"},
         {"A manual maintenance step on {service} ran against production instead of staging; the "
          "runbook did not say which environment."},
         "a manual step on {service} was the trigger",
         "A manual maintenance step on {service} started just before the errors.",
         "the handover notes for {service} were out of date",
         "Script the {service} maintenance steps and remove the manual ones"},
        {{"{Symptom} in {region} went unnoticed", "Silent {symptom} in {region} ({service})"},
         {"{service} answered errors that our checks counted as successes, so no alert fired until "
          "customers reported it."},
         "it went unnoticed for {detect} minutes",
         "Looking at {service}: its error responses carry status 200.",
         "the alert for {journey} in {region} only looks at a one-hour window",
         "Count {service}'s soft failures as errors in its SLI"},
    };
    return kWords[std::clamp(c, 0, 6)];
}

// Contributing factor categories: weights (categories() order).
constexpr double kFactorWeights[] = {0.08, 0.08, 0.15, 0.12, 0.07, 0.25, 0.25};

const char* const kWentWell[] = {
    "The alert fired within minutes and the right people joined quickly.",
    "The first customer update went out within 15 minutes of declaring.",
    "The {service} runbook was accurate and easy to follow.",
    "Other regions were unaffected: the blast radius stayed in {region}.",
};
const char* const kWentBadly[] = {
    "It took a while to connect the errors to their cause in {service}.",
    "The status page was updated late.",
    "Mitigation waited on the one person with production access to {service}.",
    "Nobody knew who to escalate to for {dependency}.",
};
const char* const kDetect[] = {
    "Page on a 5-minute burn rate for {journey} in {region}",
    "Add a synthetic probe for {journey} in {region}",
    "Alert on {service} saturation before it fails requests",
};
const char* const kMitigate[] = {
    "Make {service} rollbacks one click from the console",
    "Document the failover away from {dependency} in the runbook",
    "Add a kill switch for {service}'s new code paths",
};

template <typename T, size_t N>
const T& choose(const T (&list)[N], const SampleRandom& r, uint64_t k)
{
    return list[r.bits(k) % N];
}

template <typename T>
const T& choose(const std::vector<T>& list, const SampleRandom& r, uint64_t k)
{
    return list[r.bits(k) % list.size()];
}

std::string uuidIn(const std::string& incidentId, const std::string& name)
{
    return QUuid::createUuidV5(QUuid::fromString(QString::fromStdString(incidentId)),
                               QString::fromStdString(name))
        .toString(QUuid::WithoutBraces)
        .toStdString();
}

std::string mitigationOf(const BackfilledIncident& i, const Words& w, const std::string& dependency,
                         const SampleRandom& r)
{
    switch (i.category) {
        case HistoryBackfill::kChange:
            return i.rolledBack ? w.fill("rolling back {deploy}")
                                : (r.uniform(40) < 0.5 ? "switching the new code path off behind "
                                                         "its flag"
                                                       : w.fill("rolling forward with a fix to "
                                                                "{service}"));
        case 1:
            return dependency == "payments-acme"
                       ? "failing over to payments-globex"
                       : w.fill("shedding calls to {dependency} and serving cached answers");
        case 2: return w.fill("scaling {service} out");
        case 3: return "reverting the configuration";
        case 4: return "quarantining the bad records";
        case 5: return "undoing the manual step";
        default: return w.fill("restarting {service} with the error mapping fixed");
    }
}

}  // namespace

IncidentRows HistoryBackfill::incidentRows(const DeployStore& deploys,
                                           const JourneyCatalog& catalog) const
{
    IncidentRows rows;
    const int64_t startMs = start_ * 1000;
    for (const BackfilledIncident& i : incidents_) {
        const SampleRandom r(i.textKey, 0, 0, 0);
        const JourneyDefinition& journey = catalog.journey(i.journey);
        const std::string& region = catalog.region(i.region).id;
        const std::string& service = ServiceCatalog::services()[static_cast<size_t>(i.service)].id;
        const JourneyWords& jw = journeyWords(i.journey);
        const CategoryWords& cw = categoryWords(i.category);
        const std::string dependency = choose(jw.dependencies, r, 1);
        std::optional<v1::Deploy> deploy;
        if (i.deployPair >= 0)
            deploy = deploys.scheduled(i.deployPair, i.deployN);
        const std::string commander = choose(kCommanders, r, 2);
        const auto minutesOf = [](int64_t ms) { return std::to_string(rounded(ms / 60000.0)); };

        Words w;
        w.set("Symptom", jw.symptom);
        w.set("symptom", lowerFirst(jw.symptom));
        w.set("region", region);
        w.set("service", service);
        w.set("dependency", dependency);
        w.set("journey", journey.id);
        w.set("detect", minutesOf(i.detectedMs - i.startedMs));
        if (deploy) {
            w.set("deploy", deploy->id());
            w.set("version", deploy->version());
        }
        const std::string mitigation = mitigationOf(i, w, dependency, r);
        const std::string title = w.sentence(choose(cw.titles, r, 3));

        // The incident.
        StoredIncident stored;
        v1::Incident& incident = stored.incident;
        incident.set_id(i.id);
        incident.set_severity(static_cast<v1::IncidentSeverity>(i.severity));
        incident.set_title(title);
        incident.add_journeys(journey.id);
        incident.add_regions(region);
        incident.mutable_roles()->set_commander(commander);
        incident.mutable_roles()->set_communications_lead(choose(kCommsLeads, r, 4));
        incident.mutable_roles()->set_scribe(choose(kScribes, r, 5));
        v1::IncidentMilestones* m = incident.mutable_milestones();
        proto_time::setMs(m->mutable_started_at(), i.startedMs);
        proto_time::setMs(m->mutable_detected_at(), i.detectedMs);
        if (i.acknowledgedMs >= 0)
            proto_time::setMs(m->mutable_acknowledged_at(), i.acknowledgedMs);
        proto_time::setMs(m->mutable_mitigated_at(), i.mitigatedMs);
        proto_time::setMs(m->mutable_resolved_at(), i.resolvedMs);
        {
            // What a console would have declared: the fingerprint a second declaration must match.
            v1::Incident declared = incident;
            declared.set_status(v1::INCIDENT_STATUS_INVESTIGATING);
            declared.mutable_milestones()->clear_mitigated_at();
            declared.mutable_milestones()->clear_resolved_at();
            stored.declareFingerprint = IdempotencyStore::fingerprintOf(declared);
        }
        incident.set_status(v1::INCIDENT_STATUS_RESOLVED);
        proto_time::setMs(incident.mutable_declared_at(), i.declaredMs());
        incident.set_declared_by(commander);
        proto_time::setMs(incident.mutable_updated_at(), i.resolvedMs);
        incident.set_updated_by(commander);
        incident.set_version(4);  // declared, identified, mitigated, resolved
        rows.incidents.push_back(stored);

        // The timeline.
        const auto entry = [&](const std::string& name, v1::TimelineEntryKind kind, int64_t atMs,
                               const std::string& source, const std::string& text) {
            StoredEntry s;
            v1::TimelineEntry& e = s.entry;
            e.set_id(name == "declaration" ? uuidIn(i.id, name) : uuidIn(i.id, "history/" + name));
            e.set_incident_id(i.id);
            e.set_kind(kind);
            e.set_source(source);
            proto_time::setMs(e.mutable_at(), atMs);
            e.set_text(text);
            proto_time::setMs(e.mutable_recorded_at(), atMs);
            e.set_recorded_by(source);
            rows.entries.push_back(s);
        };
        if (deploy) {
            const int64_t deployMs =
                deploy->started_at().seconds() * 1000 + deploy->started_at().nanos() / 1'000'000;
            entry("deploy", v1::TIMELINE_ENTRY_KIND_DEPLOY, deployMs, "deploy feed",
                  "Deploy " + deploy->id() + " of " + service + " " + deploy->version() + " to " +
                      region + " started");
        }
        if (i.category == kMonitoringGap) {
            entry("detection", v1::TIMELINE_ENTRY_KIND_NOTE, i.detectedMs, commander,
                  "Customer support escalated reports of " + lowerFirst(jw.symptom) + " in " +
                      region + "; no alert had fired.");
        } else {
            entry("alert", v1::TIMELINE_ENTRY_KIND_ALERT_CROSSING, i.detectedMs, "alert evaluator",
                  journey.displayName + " in " + region + " below its objective (" +
                      percent(journey.objective, 1) +
                      "%): " + percent(sliOf(i.severity) + r.uniform(6, 0, 0.005), 1) +
                      "% good over the last 5 minutes.");
        }
        const int64_t declaredMs = i.declaredMs();
        entry("declaration", v1::TIMELINE_ENTRY_KIND_DECLARATION, declaredMs, commander,
              "Declared " + keys::severityName(incident.severity()) + ": " + title +
                  ". Journeys: " + journey.id + ". Regions: " + region + ".");
        const int64_t span = i.mitigatedMs - declaredMs;
        entry("note-1", v1::TIMELINE_ENTRY_KIND_NOTE, declaredMs + span / 4, commander,
              w.sentence(cw.finding));
        entry("identified", v1::TIMELINE_ENTRY_KIND_STATUS_CHANGE, declaredMs + span / 2, commander,
              "Status changed from Investigating to Identified.");
        if (i.rolledBack && deploy) {
            entry("rollback", v1::TIMELINE_ENTRY_KIND_CONSOLE_ACTION, i.rollbackMs, commander,
                  "Rolled back " + deploy->id() + " (" + service + " " + deploy->version() +
                      " in " + region + "); " + deploy->previous_version() + " serving again.");
            rows.entries.back().entry.set_outcome("confirmed");
        }
        entry("mitigated", v1::TIMELINE_ENTRY_KIND_STATUS_CHANGE, i.mitigatedMs, commander,
              "Status changed from Identified to Mitigated.");
        if (r.uniform(7) < 0.6) {
            entry("note-2", v1::TIMELINE_ENTRY_KIND_NOTE, i.mitigatedMs + 2 * kMinute, commander,
                  upperFirst(jw.noun) + " in " + region + " back to normal after " + mitigation +
                      "; watching before resolving.");
        }
        entry("resolved", v1::TIMELINE_ENTRY_KIND_STATUS_CHANGE, i.resolvedMs, commander,
              "Status changed from Mitigated to Resolved.");

        // The postmortem, written some hours after.
        const int64_t writtenMs =
            std::min(i.resolvedMs + 1000 * rounded(r.uniform(8, 3600, 20 * 3600)), startMs - kHour);
        const auto section = [&](const std::string& key, const std::string& text) {
            v1::PostmortemSection s;
            s.set_incident_id(i.id);
            s.set_key(key);
            s.set_text(text);
            s.set_revision(1);
            proto_time::setMs(s.mutable_updated_at(), writtenMs);
            s.set_updated_by(commander);
            rows.sections.push_back(s);
        };
        const std::string outage = minutesOf(i.mitigatedMs - i.startedMs);
        section("summary", std::string(jw.symptom) + " in " + region + " for " + outage +
                               " minutes (" + keys::severityName(incident.severity()) +
                               "): " + w.fill(cw.trigger) + ". Mitigated by " + mitigation +
                               ", resolved at " + clock(i.resolvedMs) + " UTC.");
        const double failing = 1 - sliOf(i.severity);
        const RegionDefinition& regionDef = catalog.region(i.region);
        const double affected = journey.peakRequestsPerSecond * regionDef.trafficWeight * 0.8 *
                                static_cast<double>(i.mitigatedMs - i.startedMs) / 1000.0 * failing;
        section("impact",
                "Up to " + percent(failing, 1) + "% of " + jw.noun + " in " + region + " " +
                    jw.failed + " for " + outage + " minutes, from " + clock(i.startedMs) + " to " +
                    clock(i.mitigatedMs) + " UTC on " + date(i.startedMs) + "; about " +
                    std::to_string(rounded(affected / 10) * 10) + " " + jw.noun + " affected.");
        section("root_cause", "Cause: " + categories()[static_cast<size_t>(i.category)] +
                                  ". Service: " + service + ".\n" +
                                  w.sentence(choose(cw.rootCauses, r, 9)));
        // 1-3 contributing factors, distinct categories.
        std::string factors;
        const int factorCount = 1 + (r.uniform(10) < 0.55) + (r.uniform(11) < 0.25);
        std::vector<int> used;
        for (int k = 0; static_cast<int>(used.size()) < factorCount && k < 12; ++k) {
            const double u = r.uniform(12 + static_cast<uint64_t>(k));
            double sum = 0;
            int c = 6;
            for (int f = 0; f < 7; ++f) {
                sum += kFactorWeights[f];
                if (u < sum) {
                    c = f;
                    break;
                }
            }
            if (std::find(used.begin(), used.end(), c) != used.end())
                continue;
            // A change factor names no deploy: only incidents caused by one do.
            if (c == kChange && !deploy)
                continue;
            used.push_back(c);
            factors += (factors.empty() ? "" : "\n") + std::string("- ") +
                       categories()[static_cast<size_t>(c)] + ": " +
                       lowerFirst(w.fill(categoryWords(c).factor));
        }
        section("contributing_factors", factors);
        section("went_well",
                i.rolledBack ? w.sentence("Rolling back {deploy} took two minutes once decided.")
                             : w.sentence(choose(kWentWell, r, 30)));
        section(
            "went_badly",
            i.category == kMonitoringGap || i.detectedMs - i.startedMs > 15 * kMinute
                ? w.sentence("Detection took {detect} minutes; customers noticed before we did.")
                : w.sentence(choose(kWentBadly, r, 31)));

        // 1-3 action items, each of another type; old incidents' mostly closed.
        const int itemCount = 1 + (r.uniform(32) < 0.55) + (r.uniform(33) < 0.25);
        const bool old = startMs - i.resolvedMs > 30 * kDayMs;
        const v1::ActionItemType types[] = {v1::ACTION_ITEM_TYPE_PREVENT,
                                            v1::ACTION_ITEM_TYPE_DETECT,
                                            v1::ACTION_ITEM_TYPE_MITIGATE};
        const int firstType = i.category == kMonitoringGap ? 1 : (r.uniform(34) < 0.7 ? 0 : 2);
        for (int k = 0; k < itemCount; ++k) {
            const v1::ActionItemType type = types[(firstType + k) % 3];
            const uint64_t d = 40 + 10 * static_cast<uint64_t>(k);
            StoredItem s;
            v1::ActionItem& a = s.item;
            a.set_id(uuidIn(i.id, "history/action-item-" + std::to_string(k + 1)));
            a.set_incident_id(i.id);
            a.set_title(type == v1::ACTION_ITEM_TYPE_PREVENT ? w.sentence(cw.prevent)
                        : type == v1::ACTION_ITEM_TYPE_DETECT
                            ? w.sentence(choose(kDetect, r, d))
                            : w.sentence(choose(kMitigate, r, d)));
            a.set_owner(choose(kOwners, r, d + 1));
            a.set_due_date(date(writtenMs + kDayMs * rounded(r.uniform(d + 2, 7, 30))));
            const bool urgent = i.severity <= 2 && k == 0;
            a.set_priority(urgent                   ? v1::ACTION_ITEM_PRIORITY_HIGH
                           : i.severity <= 3        ? v1::ACTION_ITEM_PRIORITY_MEDIUM
                           : r.uniform(d + 3) < 0.3 ? v1::ACTION_ITEM_PRIORITY_MEDIUM
                                                    : v1::ACTION_ITEM_PRIORITY_LOW);
            a.set_type(type);
            const double u = r.uniform(d + 4);
            v1::ActionItemStatus status;
            if (old) {
                status = u < 0.65   ? v1::ACTION_ITEM_STATUS_DONE
                         : u < 0.85 ? v1::ACTION_ITEM_STATUS_WONT_DO
                         : u < 0.95 ? v1::ACTION_ITEM_STATUS_IN_PROGRESS
                                    : v1::ACTION_ITEM_STATUS_OPEN;
            } else {
                status = u < 0.5    ? v1::ACTION_ITEM_STATUS_OPEN
                         : u < 0.85 ? v1::ACTION_ITEM_STATUS_IN_PROGRESS
                                    : v1::ACTION_ITEM_STATUS_DONE;
            }
            a.set_status(status);
            proto_time::setMs(a.mutable_created_at(), writtenMs);
            a.set_updated_by(commander);
            a.set_revision(1);
            int64_t updatedMs = writtenMs;
            if (status != v1::ACTION_ITEM_STATUS_OPEN) {
                // Its owner moved it on later.
                updatedMs = std::min(writtenMs + kDayMs * rounded(r.uniform(d + 5, 1, 25)),
                                     startMs - kHour);
                a.set_updated_by(a.owner());
                a.set_revision(2);
            }
            proto_time::setMs(a.mutable_updated_at(), std::max(updatedMs, writtenMs));
            rows.items.push_back(s);
        }
    }
    return rows;
}

}  // namespace wfsim
