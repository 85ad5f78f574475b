/**
 * Where the dashboards' ECharts parts are registered: importing `echarts/core` plus what the
 * charts use keeps the bundle to those parts (tree-shaken) instead of all of ECharts. The SQL
 * console adds the scatter chart itself (`console/scatter.ts`), so only its page loads it.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
	AriaComponent,
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapContinuousComponent,
	VisualMapPiecewiseComponent
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
	// Describes each chart in words for screen readers (Chart.svelte enables it).
	AriaComponent,
	BarChart,
	LineChart,
	HeatmapChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	MarkLineComponent,
	MarkAreaComponent,
	// Titles exist only in downloaded PNGs (Chart.svelte); the page writes titles as HTML.
	TitleComponent,
	DataZoomComponent,
	VisualMapContinuousComponent,
	VisualMapPiecewiseComponent,
	CanvasRenderer,
	// Printing draws each chart once more as SVG (Chart.svelte): vector on paper, its labels text in the PDF.
	SVGRenderer
]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
