#include "journey_health_service.h"

#include "error_status.h"
#include "health_stream.h"
#include "history_aggregator.h"
#include "proto_time.h"
#include "series_filter.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

// Reads need any accepted caller (an anonymous viewer unless tokens are
// required). The token is never logged.
grpc::Status checkCaller(const SimulatedPlatform& platform, const grpc::ServerContext* context,
                         const char* call)
{
    Caller caller;
    const grpc::Status status = platform.access().authenticate(context, &caller);
    spdlog::debug("{}: {}", call, status.ok() ? caller.actor : "refused");
    return status;
}

v1::SliKind toProto(SliKind kind)
{
    switch (kind) {
        case SliKind::Availability: return v1::SLI_KIND_AVAILABILITY;
        case SliKind::Latency: return v1::SLI_KIND_LATENCY;
        case SliKind::SuccessRate: return v1::SLI_KIND_SUCCESS_RATE;
    }
    return v1::SLI_KIND_UNSPECIFIED;
}

}  // namespace

grpc::Status JourneyHealthService::ListJourneys(grpc::ServerContext* context,
                                                const v1::ListJourneysRequest* /*request*/,
                                                v1::ListJourneysResponse* response)
{
    if (grpc::Status status = checkCaller(platform_, context, "ListJourneys"); !status.ok())
        return status;
    const JourneyCatalog& catalog = platform_.catalog();
    for (int j = 0; j < JourneyCatalog::kJourneyCount; ++j) {
        const JourneyDefinition& def = catalog.journey(j);
        v1::Journey* journey = response->add_journeys();
        journey->set_id(def.id);
        journey->set_display_name(def.displayName);
        journey->set_description(def.description);
        journey->set_sli_kind(toProto(def.kind));
        journey->set_objective(def.objective);
        proto_time::setSeconds(journey->mutable_slo_window(), JourneyCatalog::kSloWindowSeconds);
        if (def.kind == SliKind::Latency) {
            const auto ms = static_cast<int64_t>(def.latencyThresholdMs);
            journey->mutable_latency_threshold()->set_seconds(ms / 1000);
            journey->mutable_latency_threshold()->set_nanos(static_cast<int32_t>(ms % 1000) *
                                                            1000000);
        }
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r)
            journey->add_regions(catalog.region(r).id);
    }
    for (int r = 0; r < JourneyCatalog::kRegionCount; ++r)
        response->add_regions(catalog.region(r).id);
    proto_time::setMs(response->mutable_platform_time(), platform_.clock().nowMs());
    // The simulated shop's orders average 60 USD.
    response->mutable_average_order_value()->set_amount_minor(
        JourneyCatalog::kAverageOrderValueCents);
    response->mutable_average_order_value()->set_currency_code("USD");
    return grpc::Status::OK;
}

grpc::Status JourneyHealthService::StreamHealth(grpc::ServerContext* context,
                                                const v1::StreamHealthRequest* request,
                                                grpc::ServerWriter<v1::HealthEvent>* writer)
{
    if (grpc::Status status = checkCaller(platform_, context, "StreamHealth"); !status.ok())
        return status;
    HealthStream stream(platform_, shuttingDown_, context, writer);
    return stream.run(*request);
}

grpc::Status JourneyHealthService::GetHistory(grpc::ServerContext* context,
                                              const v1::GetHistoryRequest* request,
                                              v1::GetHistoryResponse* response)
{
    grpc::Status status = checkCaller(platform_, context, "GetHistory");
    if (!status.ok())
        return status;
    uint32_t mask = 0;
    status =
        SeriesFilter::parse(platform_.catalog(), request->journey_ids(), request->regions(), &mask);
    if (!status.ok())
        return status;
    if (!request->has_range() || !request->range().has_start() || !request->range().has_end()) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "range.start and range.end are required", "MISSING_FIELD",
                                 "range");
    }
    const auto& range = request->range();
    if (std::make_pair(range.end().seconds(), range.end().nanos()) <=
        std::make_pair(range.start().seconds(), range.start().nanos())) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "range.end must be after range.start", "INVALID_RANGE",
                                 "range.end");
    }
    const int64_t resolution = proto_time::totalNanos(request->resolution());
    if (resolution <= 0) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, "resolution must be positive",
                                 "INVALID_RESOLUTION", "resolution");
    }

    const int64_t nowMs = platform_.clock().nowMs();
    const SampleTimeline& timeline = platform_.timeline();
    const int64_t from =
        std::max(proto_time::ceilSeconds(range.start()), timeline.retentionStart());
    const int64_t to = std::min(proto_time::ceilSeconds(range.end()), (nowMs + 999) / 1000);
    const int64_t buckets = HistoryAggregator::bucketCount(from, to, resolution);
    if (buckets > HistoryAggregator::kMaxBucketsPerSeries) {
        const std::string max = std::to_string(HistoryAggregator::kMaxBucketsPerSeries);
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "the range at this resolution is " + std::to_string(buckets) +
                                     " buckets per series; the maximum is " + max +
                                     ": ask for a coarser resolution or a shorter range",
                                 "TOO_MANY_POINTS", "resolution", {{"max_points", max}});
    }
    HistoryAggregator aggregator(platform_);
    const uint64_t upTo =
        aggregator.fill(mask, from, to, resolution, timeline.completedTicks(nowMs), response);
    response->set_stream_epoch(platform_.streamEpoch());
    response->set_up_to_sequence(upTo);
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    return grpc::Status::OK;
}

}  // namespace wfsim
