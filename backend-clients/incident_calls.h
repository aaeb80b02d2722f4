#pragma once

// The IncidentService's calls, one blocking call each, for a worker thread
// that syncs the console's incident store (never the UI thread). Every call
// has the endpoint's deadline and token. State-changing calls carry an
// idempotency key made from the request itself, so sending the same request
// again (a retry after a lost answer) is answered from the first result and
// never applied twice.

#include "endpoint_config.h"
#include "incident_types.h"

#include <memory>

namespace grpc {
class Channel;
}

namespace wf {

struct IncidentCallResult {
    enum class Kind {
        Ok,
        Unreachable,  // no answer (or a transient failure): try again later
        Conflict,     // STALE_VERSION, SECTION_CONFLICT: someone changed it since
        Denied,       // the token's role may not do this
        Refused,      // the platform refused the request itself (invalid, unknown)
    };
    Kind kind = Kind::Ok;
    QString message;  // in words; empty when Ok
    QString reason;   // the ErrorDetail reason ("STALE_VERSION"), if any

    bool ok() const { return kind == Kind::Ok; }
};

class IncidentCalls {
public:
    explicit IncidentCalls(const EndpointConfig& config);
    ~IncidentCalls();
    IncidentCalls(const IncidentCalls&) = delete;
    IncidentCalls& operator=(const IncidentCalls&) = delete;

    // Every incident (all pages), most recently declared first; `revision`
    // is the platform's version.
    IncidentCallResult list(QVector<Incident>* out);
    IncidentCallResult get(const QString& incidentId, IncidentSnapshot* out);

    // `declaration` is the entry the console's store wrote; `stored` is the
    // incident as the platform keeps it afterwards.
    IncidentCallResult declare(const Incident& incident, const TimelineEntry& declaration,
                               Incident* stored);
    IncidentCallResult update(const Incident& incident, qint64 expectedVersion,
                              const QVector<TimelineEntry>& changeEntries, Incident* stored);
    // At most 500 entries; `stored` gets each as the platform keeps it.
    IncidentCallResult append(const QString& incidentId, const QVector<TimelineEntry>& entries,
                              QVector<TimelineEntry>* stored);
    IncidentCallResult setPinned(const QString& incidentId, const QString& entryId, bool pinned);
    IncidentCallResult addStatusUpdate(const StatusUpdate& update);
    // On a conflict `stored` is left as it was: read the section again.
    IncidentCallResult saveSection(const QString& incidentId, PostmortemSectionKey key,
                                   const QString& text, qint64 expectedRevision,
                                   PostmortemSection* stored);
    IncidentCallResult upsertItem(const ActionItem& item, qint64 expectedRevision,
                                  ActionItem* stored);
    IncidentCallResult deleteItem(const QString& incidentId, const QString& itemId,
                                  qint64 expectedRevision);

    static constexpr int kMaxAppendBatch = 500;

private:
    template <typename Call>
    IncidentCallResult run(Call&& call);

    EndpointConfig config_;
    std::shared_ptr<grpc::Channel> channel_;
    QString channelError_;
};

}  // namespace wf
