#include "lttb.h"

#include <QtTest>
#include <cmath>

using namespace wf;

class TestLttb : public QObject {
    Q_OBJECT
private slots:
    void smallInputIsReturnedUnchanged()
    {
        const QList<QPointF> in{{0, 1}, {1, 2}, {2, 3}};
        QCOMPARE(downsampleLttb(in, 10), in);
        QCOMPARE(downsampleLttb(in, 2), in);  // threshold < 3: nothing to choose
    }

    void keepsEndpointsAndCount()
    {
        QList<QPointF> in;
        for (int i = 0; i < 10000; ++i)
            in.append({double(i), std::sin(i / 100.0)});
        const QList<QPointF> out = downsampleLttb(in, 500);
        QCOMPARE(out.size(), qsizetype(500));
        QCOMPARE(out.first(), in.first());
        QCOMPARE(out.last(), in.last());
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY(out[i].x() > out[i - 1].x());
    }

    void keepsASpike()
    {
        // A flat line with one outage-like dip: the dip must survive.
        QList<QPointF> in;
        for (int i = 0; i < 100000; ++i)
            in.append({double(i), i == 54321 ? 20.0 : 99.9});
        const QList<QPointF> out = downsampleLttb(in, 300);
        bool found = false;
        for (const QPointF& p : out)
            found = found || (p.x() == 54321.0 && p.y() == 20.0);
        QVERIFY(found);
    }

    void picksLargestTriangle()
    {
        // 5 points to 3: first, last, and from the middle bucket the point
        // farthest from the line to the next bucket's average.
        const QList<QPointF> in{{0, 0}, {1, 0}, {2, 5}, {3, 0}, {4, 0}};
        const QList<QPointF> out = downsampleLttb(in, 3);
        QCOMPARE(out.size(), qsizetype(3));
        QCOMPARE(out[1], QPointF(2, 5));
    }
};

QTEST_GUILESS_MAIN(TestLttb)
#include "tst_lttb.moc"
