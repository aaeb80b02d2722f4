#include "recon_queue_model.h"

#include <QColor>
#include <QDateTime>
#include <QTimer>
#include <algorithm>

namespace wf {

namespace {

MismatchSort sortFor(int column)
{
    switch (column) {
        case ReconQueueModel::AmountColumn: return MismatchSort::Amount;
        case ReconQueueModel::TypeColumn: return MismatchSort::Type;
        case ReconQueueModel::ProviderColumn: return MismatchSort::Provider;
        case ReconQueueModel::RegionColumn: return MismatchSort::Region;
        case ReconQueueModel::StatusColumn: return MismatchSort::Status;
        case ReconQueueModel::OrderColumn: return MismatchSort::OrderId;
        default: return MismatchSort::DetectedAt;
    }
}

}  // namespace

ReconQueueModel::ReconQueueModel(ReconQueryClient* client, QObject* parent)
    : QAbstractTableModel(parent), client_(client), summaryTimer_(new QTimer(this))
{
    summaryTimer_->setSingleShot(true);
    summaryTimer_->setInterval(1000);
    connect(summaryTimer_, &QTimer::timeout, this,
            [this] { client_->fetchSummary(generation_, query_.filter); });
    connect(client_, &ReconQueryClient::pageLoaded, this, &ReconQueueModel::onPage,
            Qt::QueuedConnection);
    connect(client_, &ReconQueryClient::summaryLoaded, this, &ReconQueueModel::onSummary,
            Qt::QueuedConnection);
    connect(
        client_, &ReconQueryClient::pageFailed, this,
        [this](quint64 generation, qint64 offset, const QString& message) {
            if (generation != generation_)
                return;
            inFlight_.remove(offset / pageSize_);
            lastError_ = message;
            emit loadFailed(message);
        },
        Qt::QueuedConnection);
}

int ReconQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(total_, INT_MAX));
}

int ReconQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ReconQueueModel::setQuery(const MismatchQuery& query)
{
    beginResetModel();
    query_ = query;
    ++generation_;
    client_->setGeneration(generation_);
    pages_.clear();
    inFlight_.clear();
    wanted_.clear();
    total_ = 0;
    firstPageLoaded_ = false;
    snapshot_ = false;
    pendingNew_ = 0;
    firstVisible_ = 0;
    lastVisible_ = 0;
    endResetModel();
    // The first page before the summary: both queue on one worker, and rows
    // on screen matter first.
    inFlight_.insert(0);
    client_->fetchPage(generation_, query_, 0, pageSize_);
    client_->fetchSummary(generation_, query_.filter);
}

void ReconQueueModel::showSnapshot(const MismatchQuery& query, const QVector<Mismatch>& rows,
                                   const MismatchSummary& summary)
{
    beginResetModel();
    query_ = query;
    ++generation_;
    client_->setGeneration(generation_);
    pages_.clear();
    inFlight_.clear();
    wanted_.clear();
    for (qsizetype i = 0; i < rows.size(); i += pageSize_) {
        Page& p = pages_[i / pageSize_];
        for (qsizetype j = i; j < std::min<qsizetype>(rows.size(), i + pageSize_); ++j)
            p.rows.append(rows[j], strings_);
        p.usedAt = ++useClock_;
    }
    total_ = rows.size();
    firstPageLoaded_ = true;
    snapshot_ = true;
    summary_ = summary;
    summary_.generation = generation_;
    endResetModel();
    emit summaryChanged();
}

void ReconQueueModel::sort(int column, Qt::SortOrder order)
{
    MismatchQuery q = query_;
    q.sort = sortFor(column);
    // Age is the other way round from the detection time: oldest = largest age.
    q.descending = (order == Qt::DescendingOrder) != (column == AgeColumn);
    if (q == query_ && firstPageLoaded_)
        return;
    setQuery(q);
}

void ReconQueueModel::setVisibleRows(int first, int last)
{
    firstVisible_ = std::max(0, first);
    lastVisible_ = std::max(firstVisible_, last);
    if (total_ <= 0)
        return;
    for (qint64 p = firstVisible_ / pageSize_; p <= lastVisible_ / pageSize_; ++p)
        requestPage(p);
}

void ReconQueueModel::requestPage(qint64 pageIndex) const
{
    if (snapshot_ || pages_.contains(pageIndex) || inFlight_.contains(pageIndex))
        return;
    wanted_.insert(pageIndex);
    if (!flushScheduled_) {
        flushScheduled_ = true;
        QMetaObject::invokeMethod(const_cast<ReconQueueModel*>(this),
                                  &ReconQueueModel::flushRequests, Qt::QueuedConnection);
    }
}

void ReconQueueModel::flushRequests()
{
    flushScheduled_ = false;
    // Nearest the view first; pages scrolled past meanwhile are not fetched.
    const qint64 lo = firstVisible_ / pageSize_ - 1, hi = lastVisible_ / pageSize_ + 1;
    QList<qint64> pages(wanted_.begin(), wanted_.end());
    wanted_.clear();
    const qint64 centre = (lo + hi) / 2;
    std::sort(pages.begin(), pages.end(),
              [centre](qint64 a, qint64 b) { return std::abs(a - centre) < std::abs(b - centre); });
    for (qint64 p : pages) {
        if ((p < lo || p > hi) && p != 0)
            continue;
        if (pages_.contains(p) || inFlight_.contains(p))
            continue;
        inFlight_.insert(p);
        client_->fetchPage(generation_, query_, p * pageSize_, pageSize_);
    }
}

void ReconQueueModel::onPage(const MismatchPage& page)
{
    if (page.generation != generation_)
        return;
    const qint64 pageIndex = page.offset / pageSize_;
    inFlight_.remove(pageIndex);
    lastError_.clear();
    if (page.platformMs > 0)
        nowMs_ = std::max(nowMs_, page.platformMs);
    const bool replaced = pages_.contains(pageIndex);
    Page& p = pages_[pageIndex];
    p.rows = RowPage();
    int textBytes = 0;
    for (const Mismatch& m : page.rows)
        textBytes += int(m.id.size() + m.orderId.size() + m.providerReference.size() +
                         m.summary.size() + m.assignee.size());
    p.rows.reserve(int(page.rows.size()), textBytes + 16);
    for (const Mismatch& m : page.rows)
        p.rows.append(m, strings_);
    p.usedAt = ++useClock_;
    if (!firstPageLoaded_) {
        firstPageLoaded_ = true;
        setTotal(page.total);
        emit queryApplied();
    } else {
        setTotal(page.total);
    }
    const qint64 first = page.offset;
    const qint64 last = std::min<qint64>(total_ - 1, page.offset + page.rows.size() - 1);
    if (last >= first)
        emit dataChanged(index(int(first), 0), index(int(last), ColumnCount - 1));
    if (replaced)
        emit refreshed();
    evict();
}

void ReconQueueModel::setTotal(qint64 total)
{
    total = std::clamp<qint64>(total, 0, INT_MAX);
    if (total > total_) {
        beginInsertRows({}, int(total_), int(total - 1));
        total_ = total;
        endInsertRows();
    } else if (total < total_) {
        beginRemoveRows({}, int(total), int(total_ - 1));
        total_ = total;
        for (auto it = pages_.begin(); it != pages_.end();)
            it = it.key() * pageSize_ >= total_ ? pages_.erase(it) : std::next(it);
        endRemoveRows();
    }
}

void ReconQueueModel::evict()
{
    while (!snapshot_ && pages_.size() > maxPages_) {
        auto oldest = pages_.begin();
        for (auto it = pages_.begin(); it != pages_.end(); ++it)
            if (it->usedAt < oldest->usedAt)
                oldest = it;
        pages_.erase(oldest);
    }
}

void ReconQueueModel::onSummary(const MismatchSummary& summary)
{
    if (summary.generation != generation_)
        return;
    summary_ = summary;
    if (summary.platformMs > 0)
        nowMs_ = std::max(nowMs_, summary.platformMs);
    emit summaryChanged();
}

void ReconQueueModel::refresh()
{
    if (snapshot_) {
        setQuery(query_);  // back from the offline copy to the platform's rows
        return;
    }
    if (!firstPageLoaded_) {
        if (!inFlight_.contains(0))
            requestPage(0);
        return;
    }
    if (pendingNew_ != 0) {
        pendingNew_ = 0;
        emit pendingNewChanged(0);
    }
    const qint64 lo = firstVisible_ / pageSize_, hi = lastVisible_ / pageSize_;
    // Pages out of view are stale now: fetched again when scrolled to.
    for (auto it = pages_.begin(); it != pages_.end();)
        it = it.key() < lo || it.key() > hi ? pages_.erase(it) : std::next(it);
    for (qint64 p = lo; p <= hi; ++p) {
        if (inFlight_.contains(p))
            continue;
        inFlight_.insert(p);
        client_->fetchPage(generation_, query_, p * pageSize_, pageSize_);
    }
    client_->fetchSummary(generation_, query_.filter);
}

void ReconQueueModel::adjustSummary(const Mismatch& m, int delta)
{
    summary_.total = std::max<qint64>(0, summary_.total + delta);
    auto t = std::find_if(summary_.types.begin(), summary_.types.end(),
                          [&](const TypeSummary& s) { return s.type == m.type; });
    if (t == summary_.types.end()) {
        if (delta < 0)
            return;
        summary_.types.append({m.type, 0, {}});
        t = summary_.types.end() - 1;
    }
    t->count = std::max<qint64>(0, t->count + delta);
    if (!m.problem.isEmpty() || !m.amount.valid())
        return;  // amounts that cannot be trusted are not added up
    auto money = std::find_if(t->totals.begin(), t->totals.end(),
                              [&](const Money& x) { return x.currency == m.amount.currency; });
    if (money == t->totals.end()) {
        t->totals.append({0, m.amount.currency});
        money = t->totals.end() - 1;
    }
    money->minor += delta * m.amount.minor;
}

void ReconQueueModel::applyChanges(const QVector<MismatchChange>& changes)
{
    if (changes.isEmpty() || snapshot_)
        return;
    bool countsChanged = false;
    qint64 newMatches = 0;
    QHash<QByteArray, const Mismatch*> updated;
    for (const MismatchChange& c : changes) {
        if (c.kind == MismatchChange::Kind::Created) {
            if (query_.filter.matches(c.row, nowMs_, true)) {
                adjustSummary(c.row, +1);
                countsChanged = true;
            }
            newMatches += query_.filter.matches(c.row, nowMs_);
        } else {
            updated.insert(c.row.id.toUtf8(), &c.row);
        }
    }
    // Rows we hold change in place, where they are: a row resolved under
    // the operator's cursor stays there (dimmed) until the next refresh.
    for (auto it = pages_.begin(); !updated.isEmpty() && it != pages_.end(); ++it) {
        RowPage& rows = it->rows;
        for (int i = 0; i < rows.size(); ++i) {
            const auto u = updated.constFind(rows.idUtf8(i));
            if (u == updated.constEnd())
                continue;
            const Mismatch before = rows.at(i, strings_);
            const Mismatch& after = **u;
            const bool wasIn = query_.filter.matches(before, nowMs_, true);
            const bool isIn = query_.filter.matches(after, nowMs_, true);
            if (wasIn != isIn) {
                adjustSummary(wasIn ? before : after, wasIn ? -1 : +1);
                countsChanged = true;
            }
            rows.replace(i, after, strings_);
            const int row = int(it.key() * pageSize_ + i);
            if (row < total_)
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (newMatches > 0 && firstPageLoaded_) {
        // Oldest first: new mismatches belong at the end, so they are added
        // there and nothing on screen moves. In any other order they would
        // push rows around under the operator: they wait for a refresh.
        if (query_.sort == MismatchSort::DetectedAt && !query_.descending) {
            setTotal(total_ + newMatches);
        } else {
            pendingNew_ += newMatches;
            emit pendingNewChanged(pendingNew_);
        }
    }
    if (countsChanged)
        emit summaryChanged();
    if (!summaryTimer_->isActive())
        summaryTimer_->start();  // the server's word on the counts, soon
}

void ReconQueueModel::applyConfirmed(const Mismatch& row)
{
    applyChanges({MismatchChange{MismatchChange::Kind::Updated, 0, row}});
}

const ReconQueueModel::Page* ReconQueueModel::pageFor(int row, int* offsetInPage) const
{
    if (row < 0 || row >= total_)
        return nullptr;
    const auto it = pages_.find(row / pageSize_);
    if (it == pages_.end()) {
        requestPage(row / pageSize_);
        return nullptr;
    }
    *offsetInPage = row % pageSize_;
    if (*offsetInPage >= it->rows.size())
        return nullptr;  // the queue shrank under this page: refetched soon
    it->usedAt = ++useClock_;
    return &*it;
}

bool ReconQueueModel::isLoaded(int row) const
{
    const auto it = pages_.constFind(row / pageSize_);
    return it != pages_.constEnd() && row % pageSize_ < it->rows.size();
}

std::optional<Mismatch> ReconQueueModel::mismatchAt(int row) const
{
    int offset = 0;
    const Page* p = pageFor(row, &offset);
    if (!p)
        return std::nullopt;
    return p->rows.at(offset, strings_);
}

int ReconQueueModel::rowOf(const QString& id) const
{
    const QByteArray key = id.toUtf8();
    for (auto it = pages_.cbegin(); it != pages_.cend(); ++it)
        for (int i = 0; i < it->rows.size(); ++i)
            if (it->rows.idUtf8(i) == key) {
                const qint64 row = it.key() * pageSize_ + i;
                return row < total_ ? int(row) : -1;
            }
    return -1;
}

QVector<Mismatch> ReconQueueModel::loadedRows(int max) const
{
    QList<qint64> keys = pages_.keys();
    std::sort(keys.begin(), keys.end());
    QVector<Mismatch> out;
    for (qint64 k : keys) {
        const RowPage& rows = pages_[k].rows;
        for (int i = 0; i < rows.size() && out.size() < max; ++i)
            out.append(rows.at(i, strings_));
    }
    return out;
}

qint64 ReconQueueModel::loadedRowCount() const
{
    qint64 n = 0;
    for (const Page& p : pages_)
        n += p.rows.size();
    return n;
}

qint64 ReconQueueModel::loadedBytes() const
{
    qint64 n = 0;
    for (const Page& p : pages_)
        n += p.rows.bytes();
    return n;
}

QVariant ReconQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    int offset = 0;
    const Page* p = pageFor(index.row(), &offset);
    if (role == LoadedRole)
        return p != nullptr;
    if (!p) {
        if (role == Qt::DisplayRole && index.column() == AgeColumn)
            return tr("loading…");
        if (role == Qt::ForegroundRole)
            return QColor(0x80, 0x86, 0x90);
        return {};
    }
    const Mismatch m = p->rows.at(offset, strings_);
    const qint64 ageMs = nowMs_ - m.detectedMs;
    const double ageHours = double(ageMs) / 3.6e6;
    const int overdue = ageHours >= targetHours_ ? 2 : ageHours >= targetHours_ / 2 ? 1 : 0;
    switch (role) {
        case MismatchIdRole: return m.id;
        case VersionRole: return m.version;
        case AgeHoursRole: return ageHours;
        case OverdueRole: return overdue;
        case AmountMinorRole: return m.amount.minor;
        case ProblemRole: return m.problem;
        case Qt::DisplayRole:
            switch (index.column()) {
                case AgeColumn: return mismatchAgeText(ageMs);
                case TypeColumn:
                    return m.type == MismatchType::Unknown ? tr("Unknown type (%1)").arg(m.rawType)
                                                           : mismatchTypeName(m.type);
                case StatusColumn: return mismatchStatusName(m.status);
                case AmountColumn: return m.amount.format();
                case ProviderColumn: return m.providerId;
                case RegionColumn: return m.region;
                case OrderColumn: return m.orderId.isEmpty() ? tr("(no order)") : m.orderId;
                case ReferenceColumn: return m.providerReference;
                case AssigneeColumn: return m.assignee.isEmpty() ? tr("—") : m.assignee;
                case SummaryColumn:
                    return m.problem.isEmpty() ? m.summary : QStringLiteral("⚠ ") + m.problem;
            }
            return {};
        case Qt::TextAlignmentRole:
            return index.column() == AmountColumn || index.column() == AgeColumn
                       ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        case Qt::ForegroundRole:
            if (isClosed(m.status))
                return QColor(0x80, 0x86, 0x90);
            if (index.column() == AgeColumn)
                return overdue == 2   ? QColor(0xe0, 0x6c, 0x6c)
                       : overdue == 1 ? QColor(0xe0, 0xb0, 0x4a)
                                      : QVariant();
            if (!m.problem.isEmpty() || m.type == MismatchType::Unknown)
                return QColor(0xe0, 0xb0, 0x4a);
            return {};
        case Qt::ToolTipRole: {
            QString tip =
                QStringLiteral("%1 · %2\n%3").arg(m.id, mismatchTypeName(m.type), m.summary);
            if (index.column() == AgeColumn)
                tip += tr("\nDetected %1 UTC; resolution target %2 h")
                           .arg(QDateTime::fromMSecsSinceEpoch(m.detectedMs, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                           .arg(targetHours_);
            if (!m.problem.isEmpty())
                tip += tr("\nProblem with this row as received: ") + m.problem;
            return tip;
        }
        default: return {};
    }
}

QVariant ReconQueueModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
        case AgeColumn: return tr("Age");
        case TypeColumn: return tr("Type");
        case StatusColumn: return tr("Status");
        case AmountColumn: return tr("Amount");
        case ProviderColumn: return tr("Provider");
        case RegionColumn: return tr("Region");
        case OrderColumn: return tr("Order");
        case ReferenceColumn: return tr("Provider reference");
        case AssigneeColumn: return tr("Assignee");
        case SummaryColumn: return tr("What does not match");
    }
    return {};
}

}  // namespace wf
