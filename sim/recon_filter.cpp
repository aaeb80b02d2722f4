#include "recon_filter.h"

#include "error_status.h"
#include "journey_catalog.h"
#include "recon_generator.h"
#include "recon_money.h"

#include <algorithm>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

using Code = grpc::StatusCode;

grpc::Status invalid(const std::string& field, const std::string& message,
                     const char* reason = "INVALID_VALUE")
{
    return ErrorStatus::make(Code::INVALID_ARGUMENT, field + ": " + message, reason, field);
}

std::string item(const std::string& field, int i)
{
    return field + "[" + std::to_string(i) + "]";
}

// Characters (code points) in UTF-8 text.
size_t characters(const std::string& text)
{
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void appendBytes(std::string* out, const void* data, size_t n)
{
    out->append(static_cast<const char*>(data), n);
}

}  // namespace

grpc::Status ReconFilter::resolve(const v1::MismatchFilter& filter, const std::string& prefix,
                                  const ReconTable& table, int64_t nowSeconds, ReconFilter* out)
{
    *out = ReconFilter();
    for (int i = 0; i < filter.types_size(); ++i) {
        const int t = filter.types(i);
        if (t == v1::MISMATCH_TYPE_UNSPECIFIED || !v1::MismatchType_IsValid(t))
            return invalid(item(prefix + "types", i),
                           "not a mismatch type (" + std::to_string(t) + ")");
        out->types_ |= 1u << t;
    }
    for (int i = 0; i < filter.statuses_size(); ++i) {
        const int s = filter.statuses(i);
        if (s == v1::MISMATCH_STATUS_UNSPECIFIED || !v1::MismatchStatus_IsValid(s)) {
            return invalid(item(prefix + "statuses", i),
                           "not a mismatch status (" + std::to_string(s) + ")");
        }
        out->statuses_ |= 1u << s;
    }
    if (out->statuses_ == 0) {
        out->statuses_ = 1u << v1::MISMATCH_STATUS_OPEN |
                         1u << v1::MISMATCH_STATUS_PENDING_APPROVAL |
                         1u << v1::MISMATCH_STATUS_ESCALATED;
    }
    for (int i = 0; i < filter.provider_ids_size(); ++i) {
        const int p = ReconGenerator::providerIndex(filter.provider_ids(i));
        if (p < 0) {
            return invalid(item(prefix + "provider_ids", i),
                           "unknown payment provider \"" + filter.provider_ids(i) +
                               "\"; known: " + ReconGenerator::providerIdList(),
                           "UNKNOWN_PROVIDER");
        }
        out->providers_ |= 1u << p;
    }
    const JourneyCatalog catalog;
    for (int i = 0; i < filter.regions_size(); ++i) {
        const int r = catalog.regionIndex(filter.regions(i));
        if (r < 0) {
            return invalid(
                item(prefix + "regions", i),
                "unknown region \"" + filter.regions(i) + "\"; known: " + catalog.regionIdList(),
                "UNKNOWN_REGION");
        }
        out->regions_ |= 1u << r;
    }
    for (int i = 0; i < filter.currency_codes_size(); ++i) {
        const int c = ReconMoney::index(filter.currency_codes(i));
        if (c < 0) {
            return invalid(item(prefix + "currency_codes", i),
                           "unknown currency \"" + filter.currency_codes(i) +
                               "\"; known: " + ReconMoney::codeList(),
                           "UNKNOWN_CURRENCY");
        }
        out->currencies_ |= 1u << c;
    }
    if (filter.min_amount_minor() < 0)
        return invalid(prefix + "min_amount_minor", "must be >= 0 (0: no bound)");
    if (filter.max_amount_minor() < 0)
        return invalid(prefix + "max_amount_minor", "must be >= 0 (0: no bound)");
    if (filter.max_amount_minor() > 0 && filter.min_amount_minor() > filter.max_amount_minor()) {
        return invalid(prefix + "max_amount_minor",
                       "must not be below min_amount_minor (" +
                           std::to_string(filter.min_amount_minor()) + ")",
                       "INVALID_RANGE");
    }
    out->minAmount_ = filter.min_amount_minor();
    out->maxAmount_ = filter.max_amount_minor();
    if (filter.min_age_seconds() < 0)
        return invalid(prefix + "min_age_seconds", "must be >= 0 (0: no bound)");
    if (filter.max_age_seconds() < 0)
        return invalid(prefix + "max_age_seconds", "must be >= 0 (0: no bound)");
    if (filter.max_age_seconds() > 0 && filter.min_age_seconds() > filter.max_age_seconds()) {
        return invalid(
            prefix + "max_age_seconds",
            "must not be below min_age_seconds (" + std::to_string(filter.min_age_seconds()) + ")",
            "INVALID_RANGE");
    }
    out->first_ = 0;
    out->end_ = static_cast<uint32_t>(table.size());
    if (filter.max_age_seconds() > 0)
        out->first_ = table.firstDetectedAtOrAfter(nowSeconds - filter.max_age_seconds());
    if (filter.min_age_seconds() > 0)
        out->end_ = table.firstDetectedAtOrAfter(nowSeconds - filter.min_age_seconds() + 1);
    out->end_ = std::max(out->first_, out->end_);
    if (characters(filter.assignee()) > kMaxTextLength) {
        return invalid(prefix + "assignee",
                       "at most " + std::to_string(kMaxTextLength) + " characters");
    }
    if (filter.assignee() == "-") {
        out->assigneeMode_ = Assignee::Unassigned;
    } else if (!filter.assignee().empty()) {
        out->assigneeMode_ = Assignee::Exact;
        out->assignee_ = table.findAssignee(filter.assignee());
    }
    if (characters(filter.text()) > kMaxTextLength) {
        return invalid(prefix + "text", "at most " + std::to_string(kMaxTextLength) +
                                            " characters, got " +
                                            std::to_string(characters(filter.text())));
    }
    out->text_ = ReconTextMatch(filter.text());
    return grpc::Status::OK;
}

bool ReconFilter::matches(const ReconRow& row) const
{
    if ((statuses_ & 1u << row.status) == 0)
        return false;
    if (types_ != 0 && (types_ & 1u << row.type) == 0)
        return false;
    if (providers_ != 0 && (providers_ & 1u << row.provider) == 0)
        return false;
    if (regions_ != 0 && (regions_ & 1u << row.region) == 0)
        return false;
    if (currencies_ != 0 && (currencies_ & 1u << row.currency) == 0)
        return false;
    if (row.amountMinor < minAmount_ || (maxAmount_ > 0 && row.amountMinor > maxAmount_))
        return false;
    if (assigneeMode_ == Assignee::Unassigned && row.assignee != 0)
        return false;
    if (assigneeMode_ == Assignee::Exact && row.assignee != assignee_)
        return false;
    return text_.matches(row);
}

std::string ReconFilter::key() const
{
    std::string out;
    for (uint32_t v : {types_, statuses_, providers_, regions_, currencies_, first_, end_,
                       static_cast<uint32_t>(assigneeMode_), assignee_}) {
        appendBytes(&out, &v, sizeof v);
    }
    appendBytes(&out, &minAmount_, sizeof minAmount_);
    appendBytes(&out, &maxAmount_, sizeof maxAmount_);
    out += text_.folded();
    return out;
}

}  // namespace wfsim
