// A small React wrapper around echarts.init (docs/decisions/0010-statistics-dashboard.md): one chart
// per element, the option replaced when it changes, resized with its box, disposed on unmount.
// Only the chart types and components the statistics page draws are registered (tree-shaken build),
// and the page that uses it is loaded lazily, so ECharts stays out of the workspace's main chunk.
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

export function EChart(props: { option: ChartOption; height: number; ariaLabel: string; onClick?: (e: ChartClick) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = c;
    c.on('click', (e) => onClick.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex }));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return <div ref={box} role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: props.height }} />;
}
