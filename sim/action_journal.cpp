#include "action_journal.h"

#include <cstdio>

namespace wfsim {

std::string ActionJournal::allocateId()
{
    std::lock_guard lock(mutex_);
    char id[32];
    std::snprintf(id, sizeof id, "act-%06llu", static_cast<unsigned long long>(++lastId_));
    return id;
}

void ActionJournal::record(const watchfloor::v1::AppliedAction& action)
{
    std::lock_guard lock(mutex_);
    actions_.push_back(action);
}

std::vector<watchfloor::v1::AppliedAction> ActionJournal::actions() const
{
    std::lock_guard lock(mutex_);
    return actions_;
}

}  // namespace wfsim
