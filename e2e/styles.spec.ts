import { expect, test } from '@playwright/test';
import { storageStateOf } from './roles';

/** The brand colour (components/common/Providers.tsx) as the browser computes it; antd's own blue is rgb(22, 119, 255). */
const BRAND = 'rgb(29, 95, 180)';

// The server writes the theme's CSS variables into every document (components/common/StyleRegistry.tsx keeps
// one style cache per process): without scripts the page already has the brand colour, on the first document
// and on every later one — a shared cache that sent its styles only once would leave later pages without them.
test.describe('服务端渲染的样式', () => {
  test.use({ storageState: storageStateOf('staff'), javaScriptEnabled: false });

  test('每个页面文档都带主题色（不依赖脚本）', async ({ page }) => {
    for (const path of ['/persons', '/matching/cases', '/persons', '/certifications']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator('style#antd-cssinjs'), path).toHaveCount(1);
      const selected = page.getByRole('menu', { name: '主菜单' }).locator('.ant-menu-item-selected');
      await expect(selected, path).toHaveCSS('color', BRAND);
    }
  });
});
