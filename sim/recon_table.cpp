#include "recon_table.h"

#include "recon_generator.h"

#include <algorithm>

namespace wfsim {

ReconTable::ReconTable()
{
    assignees_.push_back({});
    for (const std::string& name : ReconGenerator::assigneeNames())
        assigneeId(name);
}

void ReconTable::reset(std::vector<ReconRow> rows)
{
    rows_ = std::move(rows);
    index_.rebuild(rows_);
    ++version_;
}

void ReconTable::append(const std::vector<ReconRow>& rows)
{
    if (rows.empty())
        return;
    const size_t first = rows_.size();
    rows_.insert(rows_.end(), rows.begin(), rows.end());
    index_.appended(rows_, first);
    ++version_;
}

void ReconTable::update(uint32_t index, const ReconRow& row)
{
    const ReconRow before = rows_[index];
    rows_[index] = row;
    index_.changed(rows_, index, before);
    ++version_;
}

const std::string& ReconTable::assigneeName(uint32_t id) const
{
    return id < assignees_.size() ? assignees_[id] : assignees_[0];
}

uint32_t ReconTable::assigneeId(const std::string& name)
{
    if (name.empty())
        return 0;
    const auto it = assigneeIds_.find(name);
    if (it != assigneeIds_.end())
        return it->second;
    const uint32_t id = static_cast<uint32_t>(assignees_.size());
    assignees_.push_back(name);
    assigneeIds_.emplace(name, id);
    return id;
}

uint32_t ReconTable::findAssignee(const std::string& name) const
{
    if (name.empty())
        return 0;
    const auto it = assigneeIds_.find(name);
    return it == assigneeIds_.end() ? kNoSuchAssignee : it->second;
}

uint32_t ReconTable::firstDetectedAtOrAfter(int64_t seconds) const
{
    const auto it = std::partition_point(
        rows_.begin(), rows_.end(), [&](const ReconRow& row) { return row.detectedAt < seconds; });
    return static_cast<uint32_t>(it - rows_.begin());
}

}  // namespace wfsim
