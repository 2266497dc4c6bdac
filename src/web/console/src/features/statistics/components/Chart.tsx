import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type * as EchartsCore from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';

type Core = typeof EchartsCore;
let loading: Promise<Core> | null = null;

/** ECharts, loaded on first use only (its own chunk: the console's first route does not carry it). */
function loadEcharts(): Promise<Core> {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([core, charts, components, renderers]) => {
    core.use([
      charts.LineChart,
      charts.BarChart,
      components.GridComponent,
      components.TooltipComponent,
      components.LegendComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  });
  return loading;
}

/** One chart; text follows the large-text mode. `label` names it for screen readers. */
export function Chart({ option, height = 260, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const t = useT();
  const { largeText } = usePrefs();
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let chart: ReturnType<Core['init']> | null = null;
    let gone = false;
    const resize = () => chart?.resize();
    void loadEcharts().then((echarts) => {
      if (gone || !box.current) return;
      chart = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.setOption({ textStyle: { fontSize: largeText ? 16 : 12 }, animation: false, ...option });
      setReady(true);
      window.addEventListener('resize', resize);
    });
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option, largeText]);
  return (
    <div role="img" aria-label={label} style={{ position: 'relative', height: largeText ? height * 1.2 : height }}>
      {ready ? null : <Skeleton active title={false} aria-label={t('statistics.chartLoading')} />}
      <div ref={box} style={{ position: 'absolute', inset: 0 }} data-testid="stat-chart" />
    </div>
  );
}
