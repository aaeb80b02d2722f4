#include "series_filter.h"

#include "error_status.h"

namespace wfsim {

grpc::Status SeriesFilter::parse(const JourneyCatalog& catalog,
                                 const google::protobuf::RepeatedPtrField<std::string>& journeyIds,
                                 const google::protobuf::RepeatedPtrField<std::string>& regions,
                                 uint32_t* mask)
{
    uint32_t journeys = journeyIds.empty() ? (1u << JourneyCatalog::kJourneyCount) - 1 : 0;
    for (int i = 0; i < journeyIds.size(); ++i) {
        const int j = catalog.journeyIndex(journeyIds[i]);
        if (j < 0) {
            return ErrorStatus::make(
                grpc::StatusCode::INVALID_ARGUMENT,
                "unknown journey \"" + journeyIds[i] + "\"; known: " + catalog.journeyIdList(),
                "UNKNOWN_JOURNEY", "journey_ids[" + std::to_string(i) + "]");
        }
        journeys |= 1u << j;
    }
    uint32_t regionBits = regions.empty() ? (1u << JourneyCatalog::kRegionCount) - 1 : 0;
    for (int i = 0; i < regions.size(); ++i) {
        const int r = catalog.regionIndex(regions[i]);
        if (r < 0) {
            return ErrorStatus::make(
                grpc::StatusCode::INVALID_ARGUMENT,
                "unknown region \"" + regions[i] + "\"; known: " + catalog.regionIdList(),
                "UNKNOWN_REGION", "regions[" + std::to_string(i) + "]");
        }
        regionBits |= 1u << r;
    }
    *mask = 0;
    for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
        if ((journeys & (1u << JourneyCatalog::journeyOfSeries(s))) &&
            (regionBits & (1u << JourneyCatalog::regionOfSeries(s)))) {
            *mask |= 1u << s;
        }
    }
    return grpc::Status::OK;
}

}  // namespace wfsim
