#pragma once

// The journey/region filters of a request as a bit mask over the 15 series
// (bit journey * 3 + region); empty lists mean all.

#include "journey_catalog.h"

#include <google/protobuf/repeated_ptr_field.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

namespace wfsim {

class SeriesFilter {
public:
    static constexpr uint32_t kAll = (1u << JourneyCatalog::kSeriesCount) - 1;

    // OK with `*mask` set, or INVALID_ARGUMENT naming the unknown id
    // (ErrorDetail reason UNKNOWN_JOURNEY / UNKNOWN_REGION, field "journey_ids[i]").
    static grpc::Status parse(const JourneyCatalog& catalog,
                              const google::protobuf::RepeatedPtrField<std::string>& journeyIds,
                              const google::protobuf::RepeatedPtrField<std::string>& regions,
                              uint32_t* mask);
};

}  // namespace wfsim
