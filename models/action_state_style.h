#pragma once

// How an action's state looks on a row, the same in every list.

#include "action_executor.h"

#include <QColor>

namespace wf {

inline QColor actionStateColor(ActionOutcome::State s)
{
    switch (s) {
        case ActionOutcome::State::Failed: return QColor(0xe0, 0x6c, 0x6c);
        case ActionOutcome::State::Done: return QColor(0x2e, 0x8b, 0x57);
        case ActionOutcome::State::Pending: break;
    }
    return QColor(0xe0, 0xb0, 0x4a);
}

}  // namespace wf
