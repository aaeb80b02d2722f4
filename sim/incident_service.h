#pragma once

// watchfloor.v1.IncidentService over the platform's IncidentStore. Reads need
// any accepted caller; changes need "incidents.write", a context (reason and
// idempotency key) and run through the idempotency store like every action.

#include "simulated_platform.h"
#include "watchfloor/v1/incident.grpc.pb.h"

#include <atomic>
#include <functional>

namespace wfsim {

class IncidentService final : public watchfloor::v1::IncidentService::Service {
public:
    explicit IncidentService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListIncidents(grpc::ServerContext* context,
                               const watchfloor::v1::ListIncidentsRequest* request,
                               watchfloor::v1::ListIncidentsResponse* response) override;
    grpc::Status GetIncident(grpc::ServerContext* context,
                             const watchfloor::v1::GetIncidentRequest* request,
                             watchfloor::v1::GetIncidentResponse* response) override;
    grpc::Status StreamIncidentEvents(
        grpc::ServerContext* context, const watchfloor::v1::StreamIncidentEventsRequest* request,
        grpc::ServerWriter<watchfloor::v1::IncidentEvent>* writer) override;
    grpc::Status DeclareIncident(grpc::ServerContext* context,
                                 const watchfloor::v1::DeclareIncidentRequest* request,
                                 watchfloor::v1::DeclareIncidentResponse* response) override;
    grpc::Status UpdateIncident(grpc::ServerContext* context,
                                const watchfloor::v1::UpdateIncidentRequest* request,
                                watchfloor::v1::UpdateIncidentResponse* response) override;
    grpc::Status AppendTimelineEntries(
        grpc::ServerContext* context, const watchfloor::v1::AppendTimelineEntriesRequest* request,
        watchfloor::v1::AppendTimelineEntriesResponse* response) override;
    grpc::Status SetTimelineEntryPinned(
        grpc::ServerContext* context, const watchfloor::v1::SetTimelineEntryPinnedRequest* request,
        watchfloor::v1::SetTimelineEntryPinnedResponse* response) override;
    grpc::Status AddStatusUpdate(grpc::ServerContext* context,
                                 const watchfloor::v1::AddStatusUpdateRequest* request,
                                 watchfloor::v1::AddStatusUpdateResponse* response) override;
    grpc::Status SavePostmortemSection(
        grpc::ServerContext* context, const watchfloor::v1::SavePostmortemSectionRequest* request,
        watchfloor::v1::SavePostmortemSectionResponse* response) override;
    grpc::Status UpsertActionItem(grpc::ServerContext* context,
                                  const watchfloor::v1::UpsertActionItemRequest* request,
                                  watchfloor::v1::UpsertActionItemResponse* response) override;
    grpc::Status DeleteActionItem(grpc::ServerContext* context,
                                  const watchfloor::v1::DeleteActionItemRequest* request,
                                  watchfloor::v1::DeleteActionItemResponse* response) override;

private:
    // Authenticates, checks the context and incidents.write, then applies
    // `apply` once per idempotency key; logs the outcome as `what`.
    template <typename Request, typename Response>
    grpc::Status change(grpc::ServerContext* context, const char* what,
                        const std::string& incidentId, const Request& request, Response* response,
                        const std::function<grpc::Status(const Caller&, Response*)>& apply);

    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
