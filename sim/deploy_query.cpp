#include "deploy_query.h"

#include "error_status.h"
#include "journey_catalog.h"
#include "page_token.h"
#include "service_catalog.h"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

using Instant = std::pair<int64_t, int32_t>;

Instant instantOf(const google::protobuf::Timestamp& ts)
{
    return {ts.seconds(), ts.nanos()};
}

}  // namespace

grpc::Status DeployQuery::run(const std::vector<v1::Deploy>& deploys,
                              const v1::ListDeploysRequest& request,
                              v1::ListDeploysResponse* response)
{
    std::set<std::string> services;
    for (int i = 0; i < request.services_size(); ++i) {
        if (ServiceCatalog::index(request.services(i)) < 0) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "unknown service \"" + request.services(i) +
                                         "\"; known: " + ServiceCatalog::idList(),
                                     "UNKNOWN_SERVICE", "services[" + std::to_string(i) + "]");
        }
        services.insert(request.services(i));
    }
    const JourneyCatalog catalog;
    std::set<std::string> regions;
    for (int i = 0; i < request.regions_size(); ++i) {
        if (catalog.regionIndex(request.regions(i)) < 0) {
            return ErrorStatus::make(
                grpc::StatusCode::INVALID_ARGUMENT,
                "unknown region \"" + request.regions(i) + "\"; known: " + catalog.regionIdList(),
                "UNKNOWN_REGION", "regions[" + std::to_string(i) + "]");
        }
        regions.insert(request.regions(i));
    }
    Instant from{std::numeric_limits<int64_t>::min(), 0};
    Instant to{std::numeric_limits<int64_t>::max(), 0};
    if (request.has_started()) {
        if (request.started().has_start())
            from = instantOf(request.started().start());
        if (request.started().has_end())
            to = instantOf(request.started().end());
        if (to <= from) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "started.end must be after started.start", "INVALID_RANGE",
                                     "started.end");
        }
    }
    PageToken::Page page;
    if (const grpc::Status status = PageToken::read(request, kDefaultPageSize, kMaxPageSize, &page);
        !status.ok())
        return status;
    const auto& [pageSize, cursor, filters] = page;
    size_t end = deploys.size();  // positions below `end` are still to send
    if (!cursor.empty()) {
        const size_t digits = cursor.find_first_not_of("0123456789");
        if (digits != std::string::npos || cursor.size() > 12 ||
            std::stoull(cursor) > deploys.size()) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                                     "page.page_token");
        }
        end = static_cast<size_t>(std::stoull(cursor));
    }

    const auto matches = [&](const v1::Deploy& d) {
        const Instant started = instantOf(d.started_at());
        return (services.empty() || services.contains(d.service())) &&
               (regions.empty() || regions.contains(d.region())) && started >= from && started < to;
    };
    int64_t total = 0;
    for (const v1::Deploy& d : deploys)
        total += matches(d) ? 1 : 0;
    size_t i = end;
    while (i > 0 && response->deploys_size() < pageSize) {
        --i;
        if (matches(deploys[i]))
            *response->add_deploys() = deploys[i];
    }
    // More to come if anything below position i matches.
    bool more = false;
    for (size_t k = i; k > 0 && !more; --k)
        more = matches(deploys[k - 1]);
    response->mutable_page()->set_next_page_token(
        more ? PageToken::encode(std::to_string(i), filters) : std::string());
    response->mutable_page()->set_total_size(total);
    return grpc::Status::OK;
}

}  // namespace wfsim
