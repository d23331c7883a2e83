import { SitePage, sitePageMetadata } from '../site-page';

export const generateMetadata = () => sitePageMetadata('methodology');

export default function Page() {
  return <SitePage kind="methodology" />;
}
