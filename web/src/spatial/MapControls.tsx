// The controls laid over the map: basemap settings, the tools, the layer tree in a popover (on the
// screening page), the 示例数据 banner and the empty state.
import { AimOutlined, AppstoreOutlined, ColumnWidthOutlined, DatabaseOutlined, GlobalOutlined, RadiusSettingOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, Input, Popover, Space, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LayerTree, localName } from './LayerTree.tsx';
import type { MapTool } from './SpatialMap.tsx';
import type { LayerView } from './types.ts';
import { isTileTemplate, type MapLayersState } from './useMapLayers.ts';

export function BasemapButton({ tileUrl, onChange }: { tileUrl: string | null; onChange: (url: string | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(tileUrl ?? '');
  const valid = draft.trim() === '' || isTileTemplate(draft.trim());
  const content = (
    <div className="qs-spatial-basemap" data-testid="basemap-settings">
      <Typography.Paragraph type="secondary" className="qs-small">
        {t('spatial.basemap.help')}
      </Typography.Paragraph>
      <Form layout="vertical" size="small">
        <Form.Item label={t('spatial.basemap.url')} validateStatus={valid ? undefined : 'error'} help={valid ? t('spatial.basemap.example') : t('spatial.basemap.invalid')}>
          <Input.TextArea value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 2, maxRows: 4 }} placeholder="https://t0.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…" data-testid="basemap-url" />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            disabled={!valid}
            onClick={() => {
              onChange(draft.trim() || null);
              setOpen(false);
            }}
            data-testid="basemap-save"
          >
            {t('common.save')}
          </Button>
          <Button
            onClick={() => {
              setDraft('');
              onChange(null);
              setOpen(false);
            }}
          >
            {t('spatial.basemap.none')}
          </Button>
        </Space>
      </Form>
    </div>
  );
  return (
    <Popover content={content} title={t('spatial.basemap.title')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Tooltip title={t('spatial.basemap.title')}>
        <Button icon={<GlobalOutlined />} type={tileUrl ? 'primary' : 'default'} aria-label={t('spatial.basemap.title')} data-testid="basemap-button" />
      </Tooltip>
    </Popover>
  );
}

/** Identify and the two measures; a page's own tools (drawing a site) come before them. */
export function ToolButtons({ tool, onTool, identify = true }: { tool: MapTool | null; onTool: (tool: MapTool | null) => void; identify?: boolean }) {
  const { t } = useTranslation();
  const item = (value: MapTool, icon: ReactNode, label: string) => (
    <Tooltip title={label} key={value}>
      <Button
        icon={icon}
        type={tool === value ? 'primary' : 'default'}
        onClick={() => onTool(tool === value ? (identify ? 'identify' : null) : value)}
        aria-label={label}
        aria-pressed={tool === value}
        data-testid={`tool-${value}`}
      />
    </Tooltip>
  );
  return (
    <Space.Compact>
      {identify && item('identify', <AimOutlined />, t('spatial.tools.identify'))}
      {item('measure-length', <ColumnWidthOutlined />, t('spatial.tools.measureLength'))}
      {item('measure-area', <RadiusSettingOutlined />, t('spatial.tools.measureArea'))}
    </Space.Compact>
  );
}

export function LayersButton({ state }: { state: MapLayersState }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('spatial.layers.title')}
      content={
        <div className="qs-spatial-popover-tree">
          <LayerTree layers={state.layers} visible={state.visible} opacity={state.opacity} onToggle={state.toggle} onOpacity={state.changeOpacity} />
        </div>
      }
    >
      <Tooltip title={t('spatial.layers.title')}>
        <Button icon={<AppstoreOutlined />} aria-label={t('spatial.layers.title')} data-testid="layers-button" />
      </Tooltip>
    </Popover>
  );
}

export function DemoBanner({ layers }: { layers: readonly LayerView[] }) {
  const { t, i18n } = useTranslation();
  if (layers.length === 0) return null;
  return (
    <Alert
      className="qs-spatial-demo-banner"
      type="warning"
      showIcon
      banner
      title={t('spatial.demo.banner', { layers: layers.map((l) => localName(l, i18n.language)).join(t('spatial.listSeparator')) })}
      data-testid="demo-banner"
    />
  );
}

export function NoLayerData() {
  const { t } = useTranslation();
  return (
    <div className="qs-spatial-map-empty" data-testid="map-empty">
      <Empty image={<DatabaseOutlined className="qs-spatial-empty-icon" />} description={<span>{t('spatial.empty.title')}</span>}>
        <Typography.Text type="secondary" className="qs-small">
          {t('spatial.empty.detail')}
        </Typography.Text>
      </Empty>
    </div>
  );
}
