#include "health_types.h"

namespace wf {

int PlatformCatalog::journeyIndex(const QString& id) const
{
    for (int i = 0; i < journeys.size(); ++i)
        if (journeys[i].id == id)
            return i;
    return -1;
}

int PlatformCatalog::regionIndex(const QString& id) const
{
    return int(regions.indexOf(id));
}

}  // namespace wf
