#pragma once

// The shared incidents' change stream. The snapshot is the list of every
// incident with its version (which names the stream position it reflects);
// then every change to any incident, resumed by sequence after a broken
// connection. Incidents change at people's pace, so each change is one
// queued signal.

#include "change_feed_client.h"
#include "incident_types.h"

namespace wf {

class IncidentFeedClient : public ChangeFeedClient {
    Q_OBJECT
public:
    explicit IncidentFeedClient(QObject* parent = nullptr);

signals:
    // Every incident on the platform (its `revision` is the platform's
    // version), at (re)load: anything may have changed since the last one.
    void incidentsListed(const QVector<wf::Incident>& incidents);
    void incidentChanged(const wf::IncidentChange& change);

protected:
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;
};

}  // namespace wf
