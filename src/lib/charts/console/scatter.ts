/**
 * The scatter chart part, registered for the SQL console only: the dashboards do not draw
 * scatters, so their shared ECharts bundle (`../echarts.ts`) does not carry it.
 */
import { ScatterChart } from 'echarts/charts';
import { echarts } from '../echarts';

echarts.use([ScatterChart]);
