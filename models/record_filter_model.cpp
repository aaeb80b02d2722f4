#include "record_filter_model.h"

namespace wf {

RecordFilterModel::RecordFilterModel(int textRole, int sortRole, QObject* parent)
    : QSortFilterProxyModel(parent), textRole_(textRole)
{
    setSortRole(sortRole);
    setDynamicSortFilter(true);
}

void RecordFilterModel::setSourceModel(QAbstractItemModel* source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    dropCache();
    // Drop the cache before the proxy re-filters on any source change.
    if (source) {
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { dropCache(); });
        connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] { dropCache(); });
        connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { dropCache(); });
        connect(source, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex& tl, const QModelIndex& br) {
                    for (int r = tl.row(); r <= br.row() && size_t(r) < cached_.size(); ++r)
                        cached_[size_t(r)] = false;
                });
    }
    QSortFilterProxyModel::setSourceModel(source);
}

void RecordFilterModel::setFilterText(const QString& text)
{
    const QStringList terms = text.toLower().split(' ', Qt::SkipEmptyParts);
    if (terms == terms_)
        return;
    terms_ = terms;
    invalidateRowsFilter();
}

void RecordFilterModel::setExactFilter(int role, const QVariant& value)
{
    if (value.isValid())
        exact_.insert(role, value);
    else
        exact_.remove(role);
    invalidateRowsFilter();
}

const QString& RecordFilterModel::haystack(int sourceRow) const
{
    const size_t n = size_t(sourceModel()->rowCount());
    if (haystacks_.size() != n) {
        haystacks_.assign(n, QString());
        cached_.assign(n, false);
    }
    if (!cached_[size_t(sourceRow)]) {
        haystacks_[size_t(sourceRow)] =
            sourceModel()->index(sourceRow, 0).data(textRole_).toString().toLower();
        cached_[size_t(sourceRow)] = true;
    }
    return haystacks_[size_t(sourceRow)];
}

bool RecordFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (!exact_.isEmpty()) {
        const QModelIndex idx = sourceModel()->index(sourceRow, 0);
        for (auto it = exact_.constBegin(); it != exact_.constEnd(); ++it)
            if (idx.data(it.key()) != it.value())
                return false;
    }
    if (terms_.isEmpty())
        return true;
    const QString& text = haystack(sourceRow);
    for (const QString& t : terms_)
        if (!text.contains(t))
            return false;
    return true;
}

}  // namespace wf
